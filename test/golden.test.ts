// Walks testdata/<case>/: input.yaml → expected.yaml (stdout) and expected.stderr. A case whose
// stderr holds an error line must exit 1; every other case must exit 0 and survive a second run on
// its own output unchanged. UPDATE_GOLDEN=1 rewrites the expectations (refused under CI).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itemsOf, ROOT, runFn } from './support/run-fn.js';

const TESTDATA = join(ROOT, 'testdata');
const update = process.env.UPDATE_GOLDEN === '1';
if (update && process.env.CI) throw new Error('UPDATE_GOLDEN=1 is refused under CI: golden files are reviewed, not regenerated');

const cases = readdirSync(TESTDATA, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(TESTDATA, entry.name, 'input.yaml')))
  .map((entry) => entry.name)
  .sort();

describe('golden cases', () => {
  it('finds cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  for (const name of cases) {
    const dir = join(TESTDATA, name);
    const read = (file: string): string | undefined => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : undefined);

    it(name, () => {
      const first = runFn(readFileSync(join(dir, 'input.yaml')));
      if (update) {
        writeFileSync(join(dir, 'expected.yaml'), first.stdout);
        if (first.stderr) writeFileSync(join(dir, 'expected.stderr'), first.stderr);
        else rmSync(join(dir, 'expected.stderr'), { force: true });
      }
      const expectedStderr = read('expected.stderr') ?? '';
      const failing = /^tomoda-app-fn: error/m.test(expectedStderr);
      expect(first.stderr).toBe(expectedStderr);
      expect(first.stdout).toBe(read('expected.yaml'));
      expect(first.code).toBe(failing ? 1 : 0);
      expect(first.stderr).not.toMatch(/\n\s+at /); // never a stack trace

      if (!failing) {
        const second = runFn(first.stdout);
        expect(second.code).toBe(0);
        expect(itemsOf(second.stdout)).toBe(itemsOf(first.stdout));
      }
    });
  }
});

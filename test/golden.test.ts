// Walks testdata/<case>/: input.yaml → expected.yaml (stdout) and expected.stderr. A case whose
// stderr holds an error line must exit 1; every other case must exit 0 and survive a second run on
// its own output unchanged. The bundle runs each case; under mutation testing (TOMODA_GOLDEN_IN_PROCESS=1)
// the function runs in-process instead, so a change to src/ shows without a rebuild.
//
// UPDATE_GOLDEN=1 only writes the expectations and fails every case, saying what it wrote: it never compares,
// so it cannot pass. Review `git diff testdata/`, then run the test again without it. Refused under CI.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFnInProcess } from './support/in-process.js';
import { itemsOf, ROOT, runFn } from './support/run-fn.js';

const TESTDATA = join(ROOT, 'testdata');
const update = process.env.UPDATE_GOLDEN === '1';
if (update && process.env.CI) throw new Error('UPDATE_GOLDEN=1 is refused under CI: golden files are reviewed, not regenerated');
const run = process.env.TOMODA_GOLDEN_IN_PROCESS === '1' ? runFnInProcess : runFn;

const cases = readdirSync(TESTDATA, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(TESTDATA, entry.name, 'input.yaml')))
  .map((entry) => entry.name)
  .sort();

/** Writes `text` to `file` (removes it when undefined); says whether the file changed. */
function write(file: string, text: string | undefined): boolean {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (text === undefined) rmSync(file, { force: true });
  else writeFileSync(file, text);
  return before !== text;
}

describe('golden cases', () => {
  it('finds cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  for (const name of cases) {
    const dir = join(TESTDATA, name);
    const read = (file: string): string | undefined => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : undefined);

    it(name, () => {
      const first = run(readFileSync(join(dir, 'input.yaml')));
      if (update) {
        const changed = [
          write(join(dir, 'expected.yaml'), first.stdout) && 'expected.yaml',
          write(join(dir, 'expected.stderr'), first.stderr || undefined) && 'expected.stderr',
        ].filter(Boolean);
        expect.fail(
          `UPDATE_GOLDEN=1 wrote ${name}/ (${changed.length ? `changed: ${changed.join(', ')}` : 'unchanged'}); review the diff and run again without UPDATE_GOLDEN to compare`,
        );
      }
      const expectedStderr = read('expected.stderr') ?? '';
      const failing = /^tomoda-app-fn: error/m.test(expectedStderr);
      expect(first.stderr).toBe(expectedStderr);
      expect(first.stdout).toBe(read('expected.yaml'));
      expect(first.code).toBe(failing ? 1 : 0);
      expect(first.stderr).not.toMatch(/\n\s+at /); // never a stack trace

      if (!failing) {
        const second = run(first.stdout);
        expect(second.code).toBe(0);
        expect(itemsOf(second.stdout)).toBe(itemsOf(first.stdout));
      }
    });
  }
});

// Walks testdata/commands/<case>/: `args` (the command line, one argument per line) and optional `stdin` →
// expected.stdout, expected.stderr and expected.code. UPDATE_GOLDEN=1 rewrites the expectations (refused under CI).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runFn } from '../support/run-fn.js';

const CASES = join(ROOT, 'testdata', 'commands');
const update = process.env.UPDATE_GOLDEN === '1';
if (update && process.env.CI) throw new Error('UPDATE_GOLDEN=1 is refused under CI: golden files are reviewed, not regenerated');

const cases = readdirSync(CASES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(CASES, entry.name, 'args')))
  .map((entry) => entry.name)
  .sort();

describe('command golden cases', () => {
  it('finds cases', () => {
    expect(cases.length).toBeGreaterThan(2);
  });

  for (const name of cases) {
    const dir = join(CASES, name);
    const read = (file: string): string | undefined => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : undefined);

    it(name, () => {
      const args = read('args')!.split('\n').filter(Boolean);
      const run = runFn(read('stdin') ?? '', args);
      if (update) {
        writeFileSync(join(dir, 'expected.stdout'), run.stdout);
        writeFileSync(join(dir, 'expected.code'), `${run.code}\n`);
        if (run.stderr) writeFileSync(join(dir, 'expected.stderr'), run.stderr);
        else rmSync(join(dir, 'expected.stderr'), { force: true });
      }
      expect(run.stderr).toBe(read('expected.stderr') ?? '');
      expect(run.stdout).toBe(read('expected.stdout'));
      expect(run.code).toBe(Number(read('expected.code')));
      expect(run.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    });
  }
});

// The bundle can start from a V8 startup snapshot (`node --snapshot-blob tomoda-app-fn.blob --`): the image did
// until the code cache replaced it, and the bench still measures it (BENCHMARKS.md). This builds that snapshot
// with the Node running the tests and runs every golden case through it: the
// same bytes, the same stderr, the same exit code, and a second run on the output changes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE, itemsOf, ROOT, runNode } from './support/run-fn.js';

const TESTDATA = join(ROOT, 'testdata');
const dir = mkdtempSync(join(tmpdir(), 'tomoda-app-fn-snapshot-'));
const blob = join(dir, 'tomoda-app-fn.blob');

const runSnapshot = (input: string | Buffer, args: string[] = []) => runNode(['--snapshot-blob', blob, '--', ...args], input);

const cases = readdirSync(TESTDATA, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(TESTDATA, entry.name, 'input.yaml')))
  .map((entry) => entry.name)
  .sort();

beforeAll(() => {
  const built = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', BUNDLE], { encoding: 'utf8', timeout: 120_000 });
  expect(built.status, built.stderr).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the function started from a startup snapshot', () => {
  it('finds cases', () => expect(cases.length).toBeGreaterThan(10));

  for (const name of cases) {
    it(name, () => {
      const read = (file: string): string | undefined =>
        existsSync(join(TESTDATA, name, file)) ? readFileSync(join(TESTDATA, name, file), 'utf8') : undefined;
      const first = runSnapshot(readFileSync(join(TESTDATA, name, 'input.yaml')));
      const expectedStderr = read('expected.stderr') ?? '';
      const failing = /^tomoda-app-fn: error/m.test(expectedStderr);
      expect(first.stderr).toBe(expectedStderr);
      expect(first.stdout).toBe(read('expected.yaml'));
      expect(first.code).toBe(failing ? 1 : 0);
      if (!failing) {
        const second = runSnapshot(first.stdout);
        expect(second.code).toBe(0);
        expect(itemsOf(second.stdout)).toBe(itemsOf(first.stdout));
      }
    });
  }

  it('takes the same arguments after --, as the image passes them', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(runSnapshot('', ['--version'])).toEqual({ stdout: `${pkg.version}\n`, stderr: '', code: 0 });
    const rendered = runSnapshot('', ['render']);
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toContain('kind: Deployment');
    expect(runSnapshot('', ['rendr']).stderr).toContain('did you mean "render"?');
  });

  it('keeps what the snapshot holds working: the strict UTF-8 decoder, the yaml fallback', () => {
    const notUtf8 = runSnapshot(Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    expect(notUtf8).toEqual({ stdout: '', stderr: 'tomoda-app-fn: error: stdin is not valid UTF-8 text\n', code: 1 });
    const json = readFileSync(join(TESTDATA, 'json-input', 'input.yaml'));
    expect(runSnapshot(json).stdout).toBe(readFileSync(join(TESTDATA, 'json-input', 'expected.yaml'), 'utf8'));
  });
});

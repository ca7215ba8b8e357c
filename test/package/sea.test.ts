// The single executable (`npm run build:sea`): what the Argo CD repo-server and standalone kustomize's exec
// functions run where no Node.js exists. Run with an empty environment, as `env -i` does, and compared with the
// bundle run by node. The test takes dist/tomoda-app-fn when it embeds the current bundle (npm run build:sea
// ran since the last build, as .ci/run does); otherwise it builds one into a temp dir first (about 13 s on a
// busy machine, most of it copying the node binary), so every run checks an executable of the current code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-fn.js';

const BUNDLE = join(ROOT, 'dist', 'tomoda-app-fn.cjs');
const INPUT = readFileSync(join(ROOT, 'testdata', 'dev', 'input.yaml'), 'utf8');
const BUILT = join(ROOT, 'dist', 'tomoda-app-fn');
const work = mkdtempSync(join(tmpdir(), 'tomoda-sea-test-'));
let sea = join(work, 'tomoda-app-fn');

/** `command args` with no environment at all, from `cwd`. */
const bare = (command: string, args: string[], input = '', cwd = '/') => {
  const result = spawnSync(command, args, { env: {}, cwd, input, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
};
const both = (args: string[], input?: string, cwd?: string) => ({
  sea: bare(sea, args, input, cwd),
  bundle: bare(process.execPath, [BUNDLE, ...args], input, cwd),
});

/** The executable carries its script verbatim: one built from the current bundle holds the bundle's bytes. */
const embedsCurrentBundle = (file: string) => existsSync(file) && readFileSync(file).includes(readFileSync(BUNDLE));

beforeAll(() => {
  if (embedsCurrentBundle(BUILT)) {
    sea = BUILT;
    return;
  }
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-sea.mjs'), '--out', sea], { cwd: ROOT, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  expect(built.stderr, 'build:sea prints nothing but the file it wrote').toBe('');
  expect(embedsCurrentBundle(sea)).toBe(true);
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the single executable', () => {
  it('is one executable file', () => {
    expect(statSync(sea).mode & 0o111).toBe(0o111);
  });

  it('answers --version and renders the built-in example exactly as the bundle, with an empty environment', () => {
    const version = both(['--version']);
    expect(version.sea).toEqual(version.bundle);
    expect(version.sea.code).toBe(0);
    const render = both(['render']);
    expect(render.sea).toEqual(render.bundle);
    expect(render.sea.stdout).toContain('kind: Deployment');
  });

  it('renders a file named relative to its working directory', () => {
    const render = both(['render', 'fn-config/tomoda-app.yaml'], '', ROOT);
    expect(render.sea).toEqual(render.bundle);
    expect(render.sea.code).toBe(0);
  });

  it('runs as the KRM function: the same ResourceList out as the bundle', () => {
    const fn = both([], INPUT);
    expect(fn.sea).toEqual(fn.bundle);
    expect(fn.sea.code).toBe(0);
    expect(fn.sea.stderr).toBe('');
  });

  it('fails as the bundle fails: one sentence on stderr, exit 1, no Node.js warning', () => {
    const fn = both([], 'kind: Deployment\n');
    expect(fn.sea).toEqual(fn.bundle);
    expect(fn.sea.code).toBe(1);
    expect(fn.sea.stderr).toMatch(/^tomoda-app-fn: error: [^\n]+\n$/);
  });
});

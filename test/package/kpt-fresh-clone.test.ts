// `kpt fn render --allow-exec examples/kpt/tomoda` as a new user runs it: in a fresh clone after
// `npm ci && npm run build`, from the repository root, with nothing of ours on PATH. kpt starts `exec` in its own
// working directory, so the Kptfile's command looks for the checkout's build there, then on PATH, and otherwise
// says what to do. Real kpt, on a copy holding only what a clone holds: the Kptfile, the config, the build.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-fn.js';

const PACKAGE = join('examples', 'kpt', 'tomoda');
const SOURCES = ['Kptfile', join('app', 'tomoda-app.yaml')];
const BUNDLE = join('dist', 'tomoda-app-fn.cjs');
const FIX = 'run npm ci && npm run build, and kpt from the repository root';

const kptPath = (process.env.PATH ?? '')
  .split(delimiter)
  .map((dir) => join(dir, 'kpt'))
  .find(existsSync);
if (!kptPath) throw new Error('kpt is not on PATH: this test drives the real kpt');
const kpt: string = kptPath;
const work = mkdtempSync(join(tmpdir(), 'tomoda-kpt-clone-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** node and kpt, and the system's directories: no tomoda-app-fn unless `extra` brings one. */
const pathWith = (...extra: string[]) => [...extra, dirname(process.execPath), dirname(kpt), '/usr/bin', '/bin'].join(delimiter);

function tree(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(files.map((e) => [relative(dir, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name), 'utf8')]));
}

/** A checkout as `git clone` leaves it (the package's sources only), optionally built. */
function clone(name: string, built: boolean): string {
  const repo = join(work, name);
  for (const file of SOURCES) {
    mkdirSync(dirname(join(repo, PACKAGE, file)), { recursive: true });
    copyFileSync(join(ROOT, PACKAGE, file), join(repo, PACKAGE, file));
  }
  if (built) {
    mkdirSync(join(repo, 'dist'));
    cpSync(join(ROOT, BUNDLE), join(repo, BUNDLE), { mode: 0 });
  }
  return repo;
}

const render = (cwd: string, target: string, PATH = pathWith()) => {
  const result = spawnSync(kpt, ['fn', 'render', '--allow-exec', target], { cwd, env: { PATH, HOME: work }, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
};

describe('the kpt example on a fresh clone', () => {
  it('nothing named tomoda-app-fn is on the PATH these runs get', () => {
    expect(spawnSync('sh', ['-c', 'command -v tomoda-app-fn'], { env: { PATH: pathWith() } }).status).not.toBe(0);
  });

  it('renders from the repository root after the build, exactly the committed package', () => {
    const repo = clone('built', true);
    const result = render(repo, PACKAGE);
    expect(result.code, result.output).toBe(0);
    expect(tree(join(repo, PACKAGE))).toEqual(tree(join(ROOT, PACKAGE)));
  });

  it('before the build, fails with the sentence that says what to do', () => {
    const result = render(clone('unbuilt', false), PACKAGE);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(FIX);
  });

  it('started elsewhere, takes tomoda-app-fn from PATH, and without it says what to do', () => {
    const repo = clone('elsewhere', true);
    const bin = join(work, 'bin');
    mkdirSync(bin);
    symlinkSync(join(repo, BUNDLE), join(bin, 'tomoda-app-fn'));
    const inside = join(repo, PACKAGE);
    const missing = render(inside, '.');
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain(FIX);
    const found = render(inside, '.', pathWith(bin));
    expect(found.code, found.output).toBe(0);
    expect(tree(inside)).toEqual(tree(join(ROOT, PACKAGE)));
  });
});

// The release gate (scripts/check-release.mjs), which the release workflow runs on the tag: the repository as
// committed passes it, and it names every disagreement it is shown.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-fn.js';

const GATE = join(ROOT, 'scripts', 'check-release.mjs');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const work = mkdtempSync(join(tmpdir(), 'tomoda-release-gate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const gate = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const result = spawnSync(process.execPath, [GATE, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
};

describe('the release gate', () => {
  it('passes on the repository: package.json, --version and every image reference agree', () => {
    const result = gate([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`say ${version}`);
  });

  it('passes on the matching tag, from the argument or from a GitHub tag push', () => {
    expect(gate(['--tag', `v${version}`]).code).toBe(0);
    expect(gate([], { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: `v${version}` }).code).toBe(0);
  });

  it('fails on another tag, naming the tag to push', () => {
    const result = gate(['--tag', 'v99.0.0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`tag v99.0.0 does not match package.json version ${version} (expected tag v${version})`);
    expect(gate([], { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v99.0.0' }).code).toBe(1);
  });

  it('names a stale bundle and every stale image reference by file and line', () => {
    const root = join(work, 'bumped');
    mkdirSync(join(root, 'dist'), { recursive: true });
    mkdirSync(join(root, 'examples'), { recursive: true });
    mkdirSync(join(root, 'test'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '0.2.0' }));
    copyFileSync(join(ROOT, 'dist', 'tomoda-app-fn.cjs'), join(root, 'dist', 'tomoda-app-fn.cjs'));
    writeFileSync(
      join(root, 'examples', 'app.yaml'),
      [
        'image: ghcr.io/tomoda-life/tomoda-app-fn-cmp:0.2.0',
        `image: ghcr.io/tomoda-life/tomoda-app-fn:${version}`,
        'image: ghcr.io/tomoda-life/tomoda-app-fn-exec@sha256:0123',
        `curl -O https://github.com/tomoda-life/tomoda-app-fn/releases/download/v${version}/tomoda-app-fn-linux-x64`,
      ].join('\n'),
    );
    writeFileSync(join(root, 'test', 'other-tag.test.ts'), `const image = 'ghcr.io/tomoda-life/tomoda-app-fn:9.9.9';\n`);
    const result = gate(['--root', root, '--tag', 'v0.2.0']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').slice(1)).toEqual([
      `  dist/tomoda-app-fn.cjs --version says ${version}, package.json says 0.2.0`,
      `  examples/app.yaml:2: ghcr.io/tomoda-life/tomoda-app-fn:${version} (expected tag 0.2.0)`,
      `  examples/app.yaml:4: tomoda-app-fn/releases/download/v${version}/ (expected tag 0.2.0)`,
    ]);
  });

  it('refuses a version that is not semantic and a tree that was not built', () => {
    const root = join(work, 'unbuilt');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '1.0' }));
    const result = gate(['--root', root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('package.json: version "1.0" is not a semantic version');
    expect(result.stderr).toContain('dist/tomoda-app-fn.cjs does not exist: run npm run build first');
  });
});

// The bundle as the runners start it: as a file (exec mode: kustomize `exec: path:`, kpt --exec, the
// image's ENTRYPOINT), with an environment holding nothing of ours; and the docker stand-in that the
// kustomize and kpt tests put on PATH, which must start it as the image would.
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, DOCKER_STAND_IN, FUNCTION_IMAGE, kustomizeDockerArgs, PACKAGE, ROOT, run, tempDir } from './support.js';

const NODE_DIR = dirname(process.execPath);
const CLEAN_ENV = { PATH: `${NODE_DIR}:/usr/bin:/bin` };
const INPUT = readFileSync(join(ROOT, 'testdata', 'dev', 'input.yaml'), 'utf8');
const EXPECTED = readFileSync(join(ROOT, 'testdata', 'dev', 'expected.yaml'), 'utf8');
const KUSTOMIZE_DOCKER_ARGS = kustomizeDockerArgs(FUNCTION_IMAGE);

const isRoot = process.getuid?.() === 0;
const canSwitchUser = isRoot && run('sh', ['-c', 'command -v setpriv']).code === 0;
const canUnshareNet = run('sh', ['-c', 'unshare --net true']).code === 0;

describe('the bundle as an executable file', () => {
  it('starts with a node interpreter line and is executable by everyone', () => {
    expect(readFileSync(BUNDLE, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(BUNDLE).mode & 0o777).toBe(0o755);
    expect(BUNDLE.endsWith(PACKAGE.bin['tomoda-app-fn']!)).toBe(true);
  });

  it('runs as a file, with only PATH in its environment, from any directory', () => {
    const version = run(BUNDLE, ['--version'], { env: CLEAN_ENV, cwd: '/' });
    expect(version).toEqual({ stdout: `${PACKAGE.version}\n`, stderr: '', code: 0 });
    const fn = run(BUNDLE, [], { env: CLEAN_ENV, cwd: '/', input: INPUT });
    expect(fn.stderr).toBe('');
    expect(fn.code).toBe(0);
    expect(fn.stdout).toBe(EXPECTED);
  });

  it('fails with one line on stderr and exit 1 on input that is not a ResourceList', () => {
    const fn = run(BUNDLE, [], { env: CLEAN_ENV, input: 'kind: Deployment\n' });
    expect(fn.code).toBe(1);
    expect(fn.stdout).toBe('');
    expect(fn.stderr.trim().split('\n')).toHaveLength(1);
    expect(fn.stderr).toMatch(/^tomoda-app-fn: error/);
  });
});

describe('the docker stand-in', () => {
  const docker = (args: string[], input = INPUT, env: NodeJS.ProcessEnv = process.env) => run(DOCKER_STAND_IN, args, { input, env });

  it('runs the bundle for the arguments kustomize passes, exactly as the bundle answers', () => {
    const result = docker(KUSTOMIZE_DOCKER_ARGS);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(EXPECTED);
  });

  it('starts the function as the image does: the current bundle with a code cache written by one run on the built-in example', () => {
    expect(docker(KUSTOMIZE_DOCKER_ARGS, INPUT).stdout).toBe(EXPECTED);
    const caches = readdirSync(dirname(BUNDLE)).filter((f) => /^code-cache-\d+$/.test(f));
    expect(caches.length).toBeGreaterThan(0);
    const dirs = caches.map((f) => join(dirname(BUNDLE), f));
    const newest = dirs.reduce((a, b) => (statSync(a).mtimeMs >= statSync(b).mtimeMs ? a : b));
    expect(statSync(newest).mtimeMs).toBeGreaterThanOrEqual(statSync(BUNDLE).mtimeMs);
    expect(statSync(newest).mode & 0o777).toBe(0o755); // readable by nobody, writable by its owner alone
    const files = readdirSync(newest);
    expect(files).toHaveLength(1);
    expect(statSync(join(newest, files[0]!)).mode & 0o444).toBe(0o444);
    const written = statSync(join(newest, files[0]!)).ino;
    expect(docker([...KUSTOMIZE_DOCKER_ARGS, '--version']).stdout).toBe(`${PACKAGE.version}\n`); // arguments after the script
    expect(statSync(join(newest, files[0]!)).ino, 'the cache was read, not written again').toBe(written);
  });

  it('passes the exit code and stderr of a failing function through', () => {
    const result = docker(KUSTOMIZE_DOCKER_ARGS, 'kind: Deployment\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tomoda-app-fn: error/);
  });

  it(`gives the entrypoint a container's view: clean env, cwd /${canSwitchUser ? ', user nobody' : ''}${canUnshareNet ? ', no network' : ''}`, () => {
    const dir = tempDir('probe');
    chmodSync(dir, 0o755); // the probe must be readable by nobody
    const probe = join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      '#!/usr/bin/env node\nconst os = require("os");\nprocess.stdout.write(JSON.stringify({ env: Object.keys(process.env).sort(), uid: process.getuid(), cwd: process.cwd(), nets: Object.keys(os.networkInterfaces()).filter((n) => n !== "lo") }));\n',
    );
    chmodSync(probe, 0o755);
    const result = docker(KUSTOMIZE_DOCKER_ARGS, '', { ...process.env, TOMODA_FN_BUNDLE: probe, SECRET_OF_THE_CALLER: 'x' });
    expect(result.stderr).toBe('');
    const seen = JSON.parse(result.stdout) as { env: string[]; uid: number; cwd: string; nets: string[] };
    expect(seen.env).toEqual(['HOME', 'LOG_TO_STDERR', 'PATH', 'STRUCTURED_RESULTS']);
    expect(seen.cwd).toBe('/');
    // Where the stand-in cannot switch user or unshare the network it runs as it is: assert that too, and require
    // both in CI (root, with setpriv and unshare), so no assertion is left to the machine.
    if (process.env.CI) expect({ canSwitchUser, canUnshareNet }).toEqual({ canSwitchUser: true, canUnshareNet: true });
    expect(seen.uid).toBe(canSwitchUser ? 65534 : process.getuid?.());
    expect(seen.nets).toEqual(canUnshareNet ? [] : Object.keys(networkInterfaces()).filter((n) => n !== 'lo'));
  });

  it('knows only the function image, and only docker run', () => {
    const other = docker([...KUSTOMIZE_DOCKER_ARGS.slice(0, -1), 'gcr.io/kpt-fn/set-namespace:v0.4']);
    expect(other.code).toBe(125);
    expect(other.stderr).toMatch(/Unable to find image 'gcr\.io\/kpt-fn\/set-namespace:v0\.4'/);
    expect(docker(['build', '.']).code).toBe(125);
    expect(docker(['run', '--entrypoint', 'sh', FUNCTION_IMAGE]).code).toBe(125);
    expect(docker(['version', '--format', '{{.Client.Version}}']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/); // kpt checks it
  });
});

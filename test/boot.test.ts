// The bundle's loader (src/boot.ts): a run leaves a V8 code cache behind, the next run reads it, and a cache it
// cannot trust (a directory others can write to, a file V8 refuses) is never what decides the output.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE, ROOT } from './support/run-fn.js';

const INPUT = readFileSync(join(ROOT, 'testdata', 'prod', 'input.yaml'), 'utf8');
const EXPECTED = readFileSync(join(ROOT, 'testdata', 'prod', 'expected.yaml'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'tomoda-boot-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let dirs = 0;
/** A fresh cache directory path (not created: the loader makes it). */
const cacheDir = () => join(work, `cache-${++dirs}`);

function run(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [BUNDLE], { input: INPUT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toBe(EXPECTED);
  return result;
}

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
/** The inode changes when the loader writes the file anew (it writes beside it and renames). */
const inode = (file: string) => statSync(file).ino;

describe('the V8 code cache', () => {
  it('is written by the first run, into a directory only this user can write, and read (not rewritten) by the next', () => {
    const dir = cacheDir();
    run({ TOMODA_FN_CACHE_DIR: dir });
    const files = cacheFiles(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.cache$`));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const file = join(dir, files[0]!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(file).size).toBeGreaterThan(100_000); // the functions the run compiled, not only the top level
    const before = inode(file);
    run({ TOMODA_FN_CACHE_DIR: dir });
    expect(inode(file), 'V8 accepted the cache, so nothing was written').toBe(before);
  });

  it('is replaced when V8 refuses it (another build, another Node, or damage)', () => {
    const dir = cacheDir();
    run({ TOMODA_FN_CACHE_DIR: dir });
    const file = join(dir, cacheFiles(dir)[0]!);
    writeFileSync(file, Buffer.alloc(statSync(file).size, 0x5a));
    const before = inode(file);
    run({ TOMODA_FN_CACHE_DIR: dir });
    expect(inode(file)).not.toBe(before);
    expect(readFileSync(file).every((byte) => byte === 0x5a)).toBe(false);
  });

  it('is neither read nor written in a directory other users can write to', () => {
    const dir = cacheDir();
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    run({ TOMODA_FN_CACHE_DIR: dir });
    expect(cacheFiles(dir)).toEqual([]);
    // A file planted there under the cache's own name is left as it is: not taken, not replaced.
    const private_ = cacheDir();
    run({ TOMODA_FN_CACHE_DIR: private_ });
    const name = cacheFiles(private_)[0]!;
    writeFileSync(join(dir, name), 'planted');
    run({ TOMODA_FN_CACHE_DIR: dir });
    expect(readFileSync(join(dir, name), 'utf8')).toBe('planted');
  });

  it('is off with TOMODA_FN_CACHE_DIR=off', () => {
    const home = cacheDir();
    mkdirSync(home);
    run({ TOMODA_FN_CACHE_DIR: 'off', TMPDIR: home });
    expect(cacheFiles(home)).toEqual([]);
  });

  it('defaults to a per-user directory under the temporary directory', () => {
    const tmp = cacheDir();
    mkdirSync(tmp);
    run({ TMPDIR: tmp });
    expect(cacheFiles(tmp)).toEqual([`tomoda-app-fn-${process.getuid!()}`]);
    expect(cacheFiles(join(tmp, `tomoda-app-fn-${process.getuid!()}`))).toHaveLength(1);
  });

  it('costs nothing but time when the directory cannot be made', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, '');
    run({ TOMODA_FN_CACHE_DIR: join(file, 'below-a-file') });
  });
});

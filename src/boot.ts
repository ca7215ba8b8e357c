// The outermost code of the bundle: runs the function's code (src/main.ts and all it imports, bundled into one
// source text by scripts/build.mjs) from a V8 code cache when one is there, and leaves one behind when not.
//
// A process that runs for 50 ms spends much of it parsing and compiling JavaScript. Node's own compile cache
// (module.enableCompileCache, Node >= 22.1) saves the code compiled *before* a module runs, which holds little
// more than the top level. The cache written here is made *after* a run, so it holds every function the run
// compiled, and it works on Node 20 too. The next start reads it instead of compiling (BENCHMARKS.md).
//
// Where: $TOMODA_FN_CACHE_DIR, else <tmpdir>/tomoda-app-fn-<uid>. A cache is code this process will run, so
// it is read only from a directory no other user can write: owned by this user or by root, writable by
// nobody else, and not a symbolic link. The file's name holds a hash of the source, the Node version and the
// architecture; V8 refuses a cache made by another V8 or with other flags, and then a new one is written.
// TOMODA_FN_CACHE_DIR=off turns the cache off. Any failure here only costs time: the code runs uncached.
import { accessSync, constants, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The bundled code, wrapped as a function of the CommonJS module variables, and a hash of that text. The build
 * writes the code as the comment of an empty function (`text`), with each star-slash written star-DEL-slash: V8
 * skips a comment far faster than it scans a string literal of the same length, and the function's source text
 * gives the code back.
 */
export interface Main {
  text: () => void;
  hash: string;
}

/** The code from the comment of `main.text` (see Main). */
export function sourceOf(main: Main): string {
  const text = main.text.toString();
  return text.slice(text.indexOf('/*') + 2, text.lastIndexOf('*/')).replaceAll('*\x7f/', '*/');
}

type ModuleScope = [exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string];

export function boot(main: Main, scope: ModuleScope, env: NodeJS.ProcessEnv = process.env): void {
  const cache = cacheFile(main.hash, env);
  // Building a startup snapshot (or running without a cache): no node:vm, which snapshot builders warn about.
  const source = sourceOf(main);
  if (!cache) return (0, eval)(source)(...scope);
  const { Script } = require('node:vm') as typeof import('node:vm');
  const cachedData = readCache(cache);
  const script = new Script(source, { filename: scope[3], ...(cachedData ? { cachedData } : {}) });
  (script.runInThisContext() as (...args: ModuleScope) => void)(...scope);
  if (!cachedData || script.cachedDataRejected) writeCache(cache, () => script.createCachedData());
}

/** Where this source's cache lives, or undefined when there is to be none. */
export function cacheFile(hash: string, env: NodeJS.ProcessEnv): { dir: string; file: string } | undefined {
  const uid = process.getuid?.();
  // A startup snapshot already holds the compiled code; Windows has no uid to keep other users' files apart.
  if (uid === undefined || env.TOMODA_FN_CACHE_DIR === 'off' || process.execArgv.some((arg) => /^--(build-snapshot|snapshot-blob)/.test(arg))) {
    return undefined;
  }
  const dir = env.TOMODA_FN_CACHE_DIR || join(tmpdir(), `tomoda-app-fn-${uid}`);
  return { dir, file: join(dir, `${hash}-${process.version}-${process.arch}.cache`) };
}

/** A directory only this user (or root) can write to, so what it holds is as trusted as this process. */
export function isPrivate(dir: string, uid: number): boolean {
  try {
    const stat = lstatSync(dir);
    return stat.isDirectory() && (stat.uid === uid || stat.uid === 0) && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function readCache({ dir, file }: { dir: string; file: string }): Buffer | undefined {
  if (!isPrivate(dir, process.getuid!())) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes next to the target and renames, so a concurrent run reads the old cache or the new one, never half. */
function writeCache({ dir, file }: { dir: string; file: string }, data: () => Buffer): void {
  const partial = `${file}.${process.pid}`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivate(dir, process.getuid!())) return;
    accessSync(dir, constants.W_OK);
    writeFileSync(partial, data(), { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    try {
      rmSync(partial, { force: true });
    } catch {
      // the directory is not there to hold it
    }
  }
}

// Runs the built bundle exactly as a runner does: stdin in, stdout and stderr out, a clean environment.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLE = fileURLToPath(new URL('../../dist/tomoda-app-fn.cjs', import.meta.url));

export interface FnRun {
  stdout: string;
  stderr: string;
  code: number | null;
}

export function runFn(input: string | Buffer, args: string[] = [], cwd = ROOT): FnRun {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build (npm test does it first)`);
  return runNode([BUNDLE, ...args], input, cwd);
}

/** Runs node with `nodeArgs` (its options, then the bundle or `--snapshot-blob BLOB --`, then the function's arguments). */
export function runNode(nodeArgs: string[], input: string | Buffer, cwd = ROOT): FnRun {
  const run = spawnSync(process.execPath, nodeArgs, {
    input,
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    maxBuffer: 512 * 1024 * 1024,
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return { stdout: run.stdout, stderr: run.stderr, code: run.status };
}

/** A ResourceList's text up to its results: what a rerun must reproduce (the results describe a run: a prune happens once). */
export const itemsOf = (stdout: string): string => stdout.split(/^results:$/m)[0]!;

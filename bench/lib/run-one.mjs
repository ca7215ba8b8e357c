// Runs one command the way a KRM runner does (stdin from a file, stdout read through a pipe) and
// measures it: wall time seen by the parent, and optionally peak RSS and minor page faults through /usr/bin/time;
// `instructions` counts what one run executes (valgrind's callgrind), a figure another machine can check.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';
export const canMeasureRss = existsSync(TIME);

/**
 * @param {{argv: string[], env: NodeJS.ProcessEnv, stdinFile?: string, cwd?: string, rss?: boolean}} cmd
 * @returns {{ms: number, rssKiB?: number, stdout: Buffer, stderr: string, code: number | null}}
 */
export function runOne(cmd) {
  const rssFile = join(tmpdir(), `tomoda-bench-rss-${process.pid}`);
  const argv = cmd.rss && canMeasureRss ? [TIME, '-f', '%M %R', '-o', rssFile, ...cmd.argv] : cmd.argv;
  const stdin = cmd.stdinFile ? openSync(cmd.stdinFile, 'r') : 'ignore';
  try {
    const start = process.hrtime.bigint();
    const run = spawnSync(argv[0], argv.slice(1), { stdio: [stdin, 'pipe', 'pipe'], env: cmd.env, cwd: cmd.cwd, maxBuffer: 1 << 30 });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.error) throw run.error;
    const result = { ms: elapsed, stdout: run.stdout, stderr: run.stderr.toString(), code: run.status };
    if (cmd.rss && canMeasureRss) {
      const [rssKiB, faults] = readFileSync(rssFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
      Object.assign(result, { rssKiB, faults });
      rmSync(rssFile, { force: true });
    }
    return result;
  } finally {
    if (typeof stdin === 'number') closeSync(stdin);
  }
}

const VALGRIND = ['/usr/bin/valgrind', '/usr/local/bin/valgrind'].find((path) => existsSync(path));
export const canCountInstructions = VALGRIND !== undefined && process.env.BENCH_INSTRUCTIONS !== '0';

/**
 * Instructions one run executes in user space, every thread counted (callgrind's "Collected"; about 50 times
 * slower than the run itself, so once per command). Unlike wall time it hardly moves with the machine's load.
 * @returns {number | undefined} undefined where valgrind is missing or BENCH_INSTRUCTIONS=0
 */
export function instructions(cmd) {
  if (!canCountInstructions) return undefined;
  const stdin = cmd.stdinFile ? openSync(cmd.stdinFile, 'r') : 'ignore';
  try {
    const run = spawnSync(VALGRIND, ['--tool=callgrind', '--callgrind-out-file=/dev/null', ...cmd.argv], { stdio: [stdin, 'ignore', 'pipe'], env: cmd.env, cwd: cmd.cwd, maxBuffer: 1 << 26 });
    const collected = run.stderr.toString().match(/Collected : (\d+)/);
    return collected ? Number(collected[1]) : undefined;
  } finally {
    if (typeof stdin === 'number') closeSync(stdin);
  }
}

/**
 * Runs every variant `runs` times, interleaved (one round runs each variant once, in a rotating order, so
 * that drift in machine load hits all of them alike), after one unmeasured warm-up each.
 * `check(result)` throws when a run's output is wrong: a fast wrong answer is not a result.
 */
export function interleave(variants, runs, onProgress = () => {}) {
  const samples = variants.map(() => []);
  variants.forEach((v) => v.check?.(runOne(v.cmd)));
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (round + k) % variants.length;
      const result = runOne(variants[i].cmd);
      variants[i].check?.(result);
      samples[i].push(result);
    }
    onProgress(round + 1);
  }
  return samples;
}

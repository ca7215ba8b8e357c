// npm run bench:ablation: what each start-up optimisation is worth, measured by taking it out of today's
// code one at a time (same sources otherwise, built by scripts/build.mjs's bundle()), interleaved, medians.
// Also the memory/time at scale of the offset scanner (git revisions before/after it), and the options that
// were tried and not kept. Prints a table and writes it into BENCHMARKS.md between the ablation markers.
// BENCH_RUNS (default 15) as for bench/run.mjs.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from '../scripts/build.mjs';
import { scaleFixture } from './lib/fixtures.mjs';
import { nodeBinaries } from './lib/node-versions.mjs';
import { interleave } from './lib/run-one.mjs';
import { median, mib, ms } from './lib/stats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'bench', '.cache');
const OUT = join(CACHE, 'ablation');
const PROD_INPUT = join(ROOT, 'testdata', 'prod', 'input.yaml');
const PROD_EXPECTED = readFileSync(join(ROOT, 'testdata', 'prod', 'expected.yaml'));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const ENV = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/', LANG: 'C.UTF-8' };
/** The revision that introduced the offset scanner; its parent still split the whole input into lines. */
const SCANNER_COMMIT = process.env.BENCH_SCANNER_COMMIT ?? '412706c';
const log = (line) => process.stderr.write(`${line}\n`);

mkdirSync(OUT, { recursive: true });
const nodes = nodeBinaries(CACHE, log);

// ---- builds: today's code, and today's code with one optimisation taken out --------------------------------
const stub = {
  writer: { 'src/io/emit-block-yaml.ts': 'export function emitBlockYaml(_value: unknown): string | undefined { return undefined; }' },
  reader: { 'src/io/read-block-yaml.ts': 'export function readBlockYaml(_text: string): unknown { return undefined; }' },
  fastPath: { 'src/config/fast-parse.generated.ts': 'export function fastParse(_input: unknown): undefined { return undefined; }' },
  writeSync: {
    'src/io/write-all.ts': "export function writeAll(fd: number, text: string): void { (fd === 2 ? process.stderr : process.stdout).write(text); }",
  },
  warmUp: { 'src/main.ts': readFileSync(join(ROOT, 'src', 'main.ts'), 'utf8').replace(/^ {2}warmUp\(\);$/m, '') },
};
const builds = {
  all: await bundle({ outfile: join(OUT, 'all.cjs') }),
  'no-writer': await bundle({ outfile: join(OUT, 'no-writer.cjs'), replace: stub.writer }),
  'no-reader': await bundle({ outfile: join(OUT, 'no-reader.cjs'), replace: stub.reader }),
  'no-fast-path': await bundle({ outfile: join(OUT, 'no-fast-path.cjs'), eager: ['schema', 'schema-export'], replace: stub.fastPath }),
  'eager-yaml': await bundle({ outfile: join(OUT, 'eager-yaml.cjs'), eager: ['yaml'] }),
  'process-stdout': await bundle({ outfile: join(OUT, 'process-stdout.cjs'), replace: stub.writeSync }),
  none: await bundle({
    outfile: join(OUT, 'none.cjs'),
    eager: ['yaml', 'schema', 'schema-export'],
    jitless: false,
    replace: { ...stub.writer, ...stub.reader, ...stub.fastPath, ...stub.writeSync },
  }),
  'cold-snapshot': await bundle({ outfile: join(OUT, 'cold-snapshot.cjs'), replace: stub.warmUp }),
  'no-loader': await bundle({ outfile: join(OUT, 'no-loader.cjs'), codeCache: false }),
};

const snapshot = (node, script, name, flags = []) => {
  const blob = join(OUT, `${name}-${node.version}.blob`);
  const built = spawnSync(node.bin, [...flags, '--snapshot-blob', blob, '--build-snapshot', script], { encoding: 'utf8', env: ENV });
  if (built.status !== 0) throw new Error(`snapshot ${name} failed: ${built.stderr}`);
  return blob;
};

const expectProd = (what) => (result) => {
  if (result.code !== 0 || !result.stdout.equals(PROD_EXPECTED)) throw new Error(`${what}: wrong output or exit ${result.code}: ${result.stderr}`);
};

/** Builds the bundle of an older revision from `git archive` (read-only on the repository) in the cache. */
const bundleAt = (rev) => {
  const dir = join(CACHE, `rev-${rev.replace(/[^\w]/g, '_')}`);
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    const archive = spawnSync('sh', ['-c', `git archive --format=tar "$0" | tar -x -C "$1"`, rev, dir], { cwd: ROOT, encoding: 'utf8' });
    if (archive.status !== 0) throw new Error(`git archive ${rev}: ${archive.stderr}`);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  }
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build at ${rev}: ${built.stderr}`);
  return join(dir, 'dist', 'tomoda-app-fn.cjs');
};

/** The bundle as it was before this work (the commit that added the benchmark). */
const BEFORE_COMMIT = process.env.BENCH_BEFORE_COMMIT ?? '1754355';
const beforeBundle = bundleAt(BEFORE_COMMIT);

// ---- 1. start-up, per Node ------------------------------------------------------------------------------------
const rows = [];
for (const node of nodes) {
  const run = (label, argv, extraEnv = {}) => ({ label, cmd: { argv: [node.bin, ...argv], env: { ...ENV, ...extraEnv }, stdinFile: PROD_INPUT }, check: expectProd(label) });
  const variants = [
    { label: 'node -e 0 (floor)', cmd: { argv: [node.bin, '-e', '0'], env: ENV } },
    run('all optimisations (the bundle with its code cache, written by the warm-up run)', [builds.all], { TOMODA_FN_CACHE_DIR: join(OUT, `code-cache-${node.version}`) }),
    run('  with the code cache off (TOMODA_FN_CACHE_DIR=off): what a first run pays', [builds.all], { TOMODA_FN_CACHE_DIR: 'off' }),
    run('  without the loader (the code as a plain script, no cache)', [builds['no-loader']]),
    run('  without the small YAML writer (yaml stringify for generated objects)', [builds['no-writer']]),
    run('  without the small YAML reader (yaml parseDocument for the functionConfig)', [builds['no-reader']]),
    run('  without the fast path (zod evaluated at start-up and parsing the config)', [builds['no-fast-path']]),
    run('  with yaml evaluated at start-up (no lazy-yaml)', [builds['eager-yaml']]),
    run('  with process.stdout instead of writeSync', [builds['process-stdout']]),
    run('none of the above (today\'s code, plain esbuild bundle)', [builds.none]),
    { label: `the bundle at ${BEFORE_COMMIT}, before this work (less code: no verify step yet)`, cmd: { argv: [node.bin, beforeBundle], env: ENV, stdinFile: PROD_INPUT } },
    run('all + startup snapshot, warmed at build (the image until the code cache)', ['--snapshot-blob', snapshot(node, builds.all, 'all'), '--']),
    run('all + startup snapshot, not warmed (rejected)', ['--snapshot-blob', snapshot(node, builds['cold-snapshot'], 'cold'), '--']),
    run('all + --min-semi-space-size=16 (rejected)', ['--min-semi-space-size=16', builds.all]),
  ];
  if (node.major >= 23 || (node.major === 22 && Number(node.version.split('.')[1]) >= 1)) {
    const dir = join(OUT, `compile-cache-${node.version}`);
    rmSync(dir, { recursive: true, force: true });
    const input = openSync(PROD_INPUT, 'r');
    spawnSync(node.bin, [builds.all], { stdio: [input, 'ignore', 'ignore'], env: { ...ENV, NODE_COMPILE_CACHE: dir } });
    closeSync(input);
    variants.push(run('all + NODE_COMPILE_CACHE, primed (rejected: the snapshot is faster)', [builds.all], { NODE_COMPILE_CACHE: dir }));
  }
  const samples = interleave(variants, RUNS, (r) => process.stderr.write(`\rablation ${node.label}: ${r}/${RUNS}${r === RUNS ? '\n' : ''}`));
  const t = samples.map((s) => median(s.map((x) => x.ms)));
  const floor = t[0];
  const all = t[1];
  variants.forEach((v, i) => {
    const delta = i === 0 ? '' : i === 1 ? '' : `${t[i] - all >= 0 ? '+' : ''}${ms(t[i] - all)}`;
    rows.push([node.label, v.label, ms(t[i]), `${(t[i] / floor).toFixed(2)}×`, delta]);
  });
}

// ---- 2. the offset scanner at scale: the commit before it and the commit itself ----------------------------------
const scaleRows = [];
let scannerNote = '';
try {
  const before = bundleAt(`${SCANNER_COMMIT}~1`);
  const after = bundleAt(SCANNER_COMMIT);
  const fixture = scaleFixture(ROOT, CACHE, 20000);
  for (const node of nodes) {
    const variants = [
      { label: `${SCANNER_COMMIT}~1: whole input split into lines`, cmd: { argv: [node.bin, before], env: ENV, stdinFile: fixture.input, rss: true } },
      { label: `${SCANNER_COMMIT}: offsets, each item split once`, cmd: { argv: [node.bin, after], env: ENV, stdinFile: fixture.input, rss: true } },
    ];
    const samples = interleave(variants, Math.min(RUNS, 15), (r) => process.stderr.write(`\rscanner ${node.label}: ${r}/${Math.min(RUNS, 15)}${r === Math.min(RUNS, 15) ? '\n' : ''}`));
    variants.forEach((v, i) => scaleRows.push([node.label, v.label, ms(median(samples[i].map((s) => s.ms))), mib(median(samples[i].map((s) => s.rssKiB)))]));
  }
} catch (e) {
  scannerNote = `scanner rows skipped: ${e.message.split('\n')[0]}`;
  log(scannerNote);
}

// ---- report ----------------------------------------------------------------------------------------------------------
const table = (head, body) => [`| ${head.join(' | ')} |`, `|${head.map((_, c) => (c < 2 ? ' --- ' : ' ---: ')).join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const markdown = [
  `Medians of ${RUNS} interleaved runs on testdata/prod/input.yaml; each "without"/"with" row is today's code with that one optimisation taken out (its cost: the last column, against "all optimisations").`,
  '',
  table(['node', 'variant', 'median ms', 'vs node -e 0', 'vs all'], rows),
  '',
  'The offset scanner, 20,000 pass-through ConfigMaps (the commit that introduced it, against its parent):',
  '',
  scaleRows.length ? table(['node', 'revision', 'median ms', 'peak RSS MiB'], scaleRows) : `_${scannerNote}_`,
].join('\n');
process.stdout.write(`${markdown}\n`);
if (RUNS >= 15) {
  const file = join(ROOT, 'BENCHMARKS.md');
  const START = '<!-- ablation:start (written by npm run bench:ablation) -->';
  const END = '<!-- ablation:end -->';
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error('BENCHMARKS.md lacks the ablation markers');
  writeFileSync(file, `${text.slice(0, from + START.length)}\n${markdown}\n${text.slice(to)}`);
  log('wrote the ablation section of BENCHMARKS.md');
}

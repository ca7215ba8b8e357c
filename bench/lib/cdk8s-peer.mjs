// Section 6 of npm run bench: the TypeScript peer. bench/peers/cdk8s/app.ts, a cdk8s app with cdk8s-plus that
// synthesises the prod topology (the 16 objects the function writes for testdata/prod), bundled by esbuild
// into one minified CommonJS file in the cache (as dist/tomoda-app-fn.cjs is built: no ts-node, no module
// resolution across node_modules at start-up) and printing YAML on stdout as the function does. Before timing,
// the kinds and names of the peer's objects are compared with the function's, by both of its routes.
// Rows per Node: `node -e 0`, the function on the prod ResourceList, `render FILE` of the prod TomodaApp, and
// the peer; interleaved. Goal (issue 13, goal 4): every function row's median below the peer's on its Node.
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { functionConfigText } from './fixtures.mjs';
import { interleave, runOne } from './run-one.mjs';
import { median, ms, ratio } from './stats.mjs';

const PEER_SOURCE = join('bench', 'peers', 'cdk8s', 'app.ts');

/**
 * @param {{root: string, cache: string, bundle: string, nodes: {bin: string, label: string}[], env: NodeJS.ProcessEnv, runs: number,
 *   log: (line: string) => void, progress: (label: string) => (round: number) => void}} options
 * @returns {{title: string, head: string[], rows: string[][], note: string, goal: {name: string, pass: boolean, line: string}}}
 */
export function cdk8sPeerTable({ root, cache, bundle, nodes, env, runs, log, progress }) {
  const peer = bundlePeer(root, cache);
  const appFile = join(cache, 'prod-tomoda-app.yaml');
  writeFileSync(appFile, functionConfigText(root, 'prod'));
  const resourceList = join(root, 'testdata', 'prod', 'input.yaml');
  const rel = (path) => relative(root, path);

  const variants = nodes.flatMap((node) => [
    { node, role: 'floor', label: `${node.label}: node -e 0`, cmd: { argv: [node.bin, '-e', '0'], env } },
    {
      node,
      role: 'function',
      label: `${node.label}: function, node ${rel(bundle)} < ${rel(resourceList)}`,
      cmd: { argv: [node.bin, bundle], env, stdinFile: resourceList },
    },
    {
      node,
      role: 'function',
      label: `${node.label}: function, node ${rel(bundle)} render ${rel(appFile)}`,
      cmd: { argv: [node.bin, bundle, 'render', appFile], env },
    },
    { node, role: 'peer', label: `${node.label}: cdk8s-plus, node ${rel(peer.file)} (app.synthYaml())`, cmd: { argv: [node.bin, peer.file], env } },
  ]);

  // Before timing: the peer makes the function's objects (kinds and names), on every Node; each later run
  // must print what the first run of its row printed.
  for (const v of variants) {
    const first = runOne(v.cmd);
    if (first.code !== 0) throw new Error(`${v.label} exited ${first.code}: ${first.stderr.trim().split('\n')[0]}`);
    if (v.role !== 'floor') sameKindsAndNames(v.label, first.stdout, referenceObjects(root));
    v.check = (result) => {
      if (result.code !== 0 || !result.stdout.equals(first.stdout))
        throw new Error(`${v.label} printed something else than on its first run (exit ${result.code})`);
    };
  }
  log(`6. checked: cdk8s-plus (${rel(peer.file)}, ${peer.kib} KiB) and the function print the same ${referenceObjects(root).length} kinds and names`);

  const samples = interleave(variants, runs, progress('6. cdk8s-plus'));
  const counters = countersPass(variants, runs, cache, progress('6. cdk8s-plus under perf stat'));
  const medianOf = (i) => median(samples[i].map((s) => s.ms));
  const cpuOf = (i) => median(counters[i].map((c) => c.cpuMs));
  const cpuWhere = (node, role) => cpuOf(variants.findIndex((v) => v.node === node && v.role === role));
  const medianWhere = (node, role) => medianOf(variants.findIndex((v) => v.node === node && v.role === role));
  const verdicts = [];
  const rows = variants.map((v, i) => {
    const t = medianOf(i);
    const floor = medianWhere(v.node, 'floor');
    const peerMs = medianWhere(v.node, 'peer');
    const faster = v.role === 'function' ? t < peerMs : undefined;
    if (faster !== undefined)
      verdicts.push({
        faster,
        text: `${v.node.label} ${v.label.includes(' render ') ? 'render' : 'ResourceList'} ${ratio(t, peerMs)}${counters ? ` (CPU ${ratio(cpuOf(i), cpuWhere(v.node, 'peer'))})` : ''}`,
      });
    return [
      v.label,
      ms(t),
      ms(Math.min(...samples[i].map((s) => s.ms))),
      ratio(t, floor),
      v.role === 'floor' ? '' : ratio(t, peerMs),
      faster === undefined ? '' : faster ? 'yes' : 'no',
      ...(counters
        ? [ms(cpuOf(i)), v.role === 'floor' ? '' : ratio(cpuOf(i), cpuWhere(v.node, 'peer')), String(median(counters[i].map((c) => c.faults)))]
        : []),
    ];
  });
  const pass = verdicts.every((v) => v.faster);
  const line = `${pass ? 'PASS' : 'FAIL'} goal 4, function faster than cdk8s-plus (function / peer, wall-time medians): ${verdicts.map((v) => v.text).join(', ')}`;
  return {
    title: `6. The TypeScript peer: cdk8s ${peer.versions.cdk8s} with cdk8s-plus-33 ${peer.versions.plus} synthesising the prod topology (${PEER_SOURCE}, pre-bundled), against the function on testdata/prod — goal: function faster`,
    head: ['command', 'median ms', 'min ms', 'vs node -e 0', 'vs cdk8s-plus', 'goal met', ...(counters ? ['CPU ms', 'CPU vs cdk8s-plus', 'page faults'] : [])],
    rows,
    note: `${line}; checked before timing: the peer prints the same ${referenceObjects(root).length} kinds and names as the function (contents differ where cdk8s-plus has its own defaults); the peer keeps its settings in code and reads no input; ${
      counters
        ? `CPU ms (task-clock) and page faults: medians of a second interleaved pass under \`perf stat\`, less moved by other load than wall time`
        : 'no CPU and page-fault columns: `perf stat -e task-clock,page-faults` does not run here'
    }`,
    goal: { name: 'function faster than cdk8s-plus', pass, line },
  };
}

/**
 * A second interleaved pass, each run under `perf stat`: CPU time (task-clock) and page faults per run, which
 * the load of a shared machine moves less than wall time. Undefined where perf cannot count them.
 * @returns {{cpuMs: number, faults: number}[][] | undefined}
 */
function countersPass(variants, runs, cache, onProgress) {
  const file = join(cache, 'cdk8s-peer-perf.csv');
  const perf = (argv) => ['perf', 'stat', '-x,', '-e', 'task-clock,page-faults', '-o', file, '--', ...argv];
  const probe = spawnSync(perf(['true'])[0], perf(['true']).slice(1), { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) return undefined;
  const counters = variants.map(() => []);
  const read = () => {
    const values = Object.fromEntries(
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => line.split(','))
        .filter((cells) => cells.length > 2)
        .map((cells) => [cells[2], Number(cells[0])]),
    );
    return { cpuMs: values['task-clock'], faults: values['page-faults'] };
  };
  const counted = variants.map((v, i) => ({
    ...v,
    cmd: { ...v.cmd, argv: perf(v.cmd.argv) },
    check: (result) => {
      v.check(result);
      counters[i].push(read());
    },
  }));
  interleave(counted, runs, onProgress);
  // interleave's warm-up runs are checked too: drop each variant's first count.
  counters.forEach((list) => list.shift());
  if (counters.flat().some((c) => !Number.isFinite(c.cpuMs) || !Number.isFinite(c.faults))) return undefined;
  return counters;
}

/** Bundles the peer into `cache`/cdk8s-peer.cjs, one minified CommonJS file, as scripts/build.mjs bundles the function. */
export function bundlePeer(root, cache) {
  const file = join(cache, 'cdk8s-peer.cjs');
  buildSync({
    entryPoints: [join(root, PEER_SOURCE)],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
  });
  const versionOf = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  return { file, kib: Math.round(statSync(file).size / 1024), versions: { cdk8s: versionOf('cdk8s'), plus: versionOf('cdk8s-plus-33') } };
}

let reference;
/** The kinds and names the function writes for testdata/prod (its expected output, the TomodaApp aside). */
export function referenceObjects(root) {
  reference ??= kindsAndNames(readFileSync(join(root, 'testdata', 'prod', 'expected.yaml'), 'utf8'));
  return reference;
}

/** `Kind/name` of every object in a YAML stream or a ResourceList's items, sorted; the TomodaApp is input, not output. */
function kindsAndNames(text) {
  const objects = parseAllDocuments(text).flatMap((doc) => {
    const value = doc.toJS();
    return value?.kind === 'ResourceList' ? value.items : [value];
  });
  return objects
    .filter((object) => object && object.kind !== 'TomodaApp')
    .map((object) => `${object.kind}/${object.metadata?.name}`)
    .sort();
}

/** Throws, naming what is missing and what is extra, unless `stdout` holds the `expected` kinds and names. */
export function sameKindsAndNames(label, stdout, expected) {
  const got = kindsAndNames(stdout.toString());
  const missing = expected.filter((name) => !got.includes(name));
  const extra = got.filter((name) => !expected.includes(name));
  if (got.length !== expected.length || missing.length || extra.length) {
    throw new Error(
      `${label} printed ${got.length} objects, testdata/prod/expected.yaml holds ${expected.length}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; extra ${extra.join(', ')}` : ''} (keep ${PEER_SOURCE} in step with testdata/prod)`,
    );
  }
}

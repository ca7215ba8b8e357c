// The ways of starting the function that the benchmark compares, per Node binary. `route` names what ships:
//   bin       node dist/tomoda-app-fn.cjs: npx, kpt --exec, kustomize exec, the legacy plugin, the Argo CD sidecar;
//             its V8 code cache (src/boot.ts) in a directory of its own, written by the unmeasured warm-up run
//   image     what the container image's ENTRYPOINT runs on the image's Node (IMAGE_ENTRY below)
//   sea       the single executable (npm run build:sea) with its code cache, as in the repo-server
// and the candidates measured against them (route undefined):
//   cold          the bundle with its code cache off: a first run, or a read-only home without TOMODA_FN_CACHE_DIR
//   node-cache    Node's own compile cache (NODE_COMPILE_CACHE, Node >= 22.1) instead of ours
//   snapshot      node --snapshot-blob FILE: a V8 startup snapshot of the bundle, built by the same Node
// Each entry: { key, route, label, argv, env, scale (also run at scale) }.
// BENCH_BASELINE=FILE adds FILE (an older build of the bundle) as a row, for before/after figures.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the container image's ENTRYPOINT runs (keep in step with the Dockerfile): the bundle with a code cache
 * the image writes at build time ('bin'), or a startup snapshot ('snapshot'). BENCHMARKS.md says why.
 */
export const IMAGE_ENTRY = 'bin';

export function entrypoints({ root, bundle, env, cache, warmInput, log }) {
  const baseline = process.env.BENCH_BASELINE;
  if (baseline && !existsSync(baseline)) throw new Error(`BENCH_BASELINE=${baseline} does not exist`);
  const prepared = new Map();
  return {
    forNode(node) {
      if (!prepared.has(node.bin)) prepared.set(node.bin, prepare(node));
      return prepared.get(node.bin).map((e) => ({
        ...e,
        argv: e.argv ?? [node.bin, ...e.args, ...(e.script ? [e.script] : [])],
        env: { ...env, ...e.extraEnv },
        route: e.key === IMAGE_ENTRY && node.major >= 26 ? 'image' : e.route,
      }));
    },
  };

  function prepare(node) {
    const codeCache = (name) => {
      const dir = join(cache, `code-cache-${name}-${node.version}`);
      rmSync(dir, { recursive: true, force: true });
      return { TOMODA_FN_CACHE_DIR: dir };
    };
    const list = [
      { key: 'bin', route: 'bin', label: 'node dist/tomoda-app-fn.cjs', args: [], script: bundle, extraEnv: codeCache('bin'), scale: true },
      { key: 'cold', label: 'node dist/tomoda-app-fn.cjs, code cache off', args: [], script: bundle, extraEnv: { TOMODA_FN_CACHE_DIR: 'off' }, scale: false },
    ];
    if (baseline) list.unshift({ key: 'baseline', label: `baseline ${baseline.split('/').pop()}`, args: [], script: baseline, extraEnv: {}, scale: true });
    if (supportsCompileCache(node)) {
      const dir = join(cache, `compile-cache-${node.version}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const extraEnv = { NODE_COMPILE_CACHE: dir, TOMODA_FN_CACHE_DIR: 'off' };
      const input = openSync(warmInput, 'r');
      spawnSync(node.bin, [bundle], { stdio: [input, 'ignore', 'ignore'], env: { ...env, ...extraEnv } });
      closeSync(input);
      list.push({ key: 'node-cache', label: "node dist/tomoda-app-fn.cjs, Node's NODE_COMPILE_CACHE primed instead", args: [], script: bundle, extraEnv, scale: false });
    }
    const blob = join(cache, `tomoda-app-fn-${node.version}.blob`);
    const built = spawnSync(node.bin, ['--snapshot-blob', blob, '--build-snapshot', bundle], { encoding: 'utf8', env });
    if (built.status === 0) {
      list.push({ key: 'snapshot', label: 'node --snapshot-blob tomoda-app-fn.blob', args: ['--snapshot-blob', blob], script: undefined, extraEnv: {}, scale: true });
    } else {
      log(`${node.label}: no snapshot row, --build-snapshot failed: ${built.stderr.trim().split('\n').at(-1)}`);
    }
    const sea = singleExecutable(node);
    if (sea) list.push({ key: 'sea', route: 'sea', label: 'single executable (dist/tomoda-app-fn)', argv: [sea], extraEnv: codeCache('sea'), scale: false });
    return list;
  }

  /** The single executable of the current bundle made with this node: dist/tomoda-app-fn when it is that one, else one built into the cache. */
  function singleExecutable(node) {
    const built = join(root, 'dist', 'tomoda-app-fn');
    const here = node.bin === process.execPath;
    if (here && existsSync(built) && readFileSync(built).includes(readFileSync(bundle))) return built;
    const out = join(cache, `tomoda-app-fn-sea-${node.version}`);
    const made = spawnSync(node.bin, [join(root, 'scripts', 'build-sea.mjs'), '--out', out], { cwd: root, encoding: 'utf8', env: { ...process.env } });
    if (made.status === 0) return out;
    log(`${node.label}: no single-executable row: ${made.stderr.trim().split('\n').at(-1)}`);
    return undefined;
  }
}

/** module.enableCompileCache / NODE_COMPILE_CACHE arrived in Node 22.1. */
function supportsCompileCache(node) {
  const [major, minor] = node.version.slice(1).split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 1);
}

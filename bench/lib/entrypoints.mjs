// The ways of starting the function that the benchmark compares, per Node binary:
//   plain          node dist/tomoda-app-fn.cjs (what exec mode, kpt --exec and the tests run)
//   compile cache  the same with NODE_COMPILE_CACHE (Node >= 22.1), primed by one run
//   snapshot       node --snapshot-blob FILE: a V8 startup snapshot of the bundle, built by the same Node
// Each entry: { label, args (node flags), script, extraEnv, argv, env, scale (also run at scale), image }.
// BENCH_BASELINE=FILE adds FILE (an older build of the bundle) as a row, for before/after figures.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** What the container image runs (see the report in BENCHMARKS.md for the Dockerfile lines). */
export const IMAGE_ENTRY = 'snapshot';

export function entrypoints({ bundle, env, cache, warmInput, log }) {
  const baseline = process.env.BENCH_BASELINE;
  if (baseline && !existsSync(baseline)) throw new Error(`BENCH_BASELINE=${baseline} does not exist`);
  const prepared = new Map();
  return {
    forNode(node) {
      if (!prepared.has(node.bin)) prepared.set(node.bin, prepare(node));
      return prepared.get(node.bin).map((e) => ({
        ...e,
        argv: [node.bin, ...e.args, ...(e.script ? [e.script] : [])],
        env: { ...env, ...e.extraEnv },
        image: e.key === IMAGE_ENTRY && node.major >= 26,
      }));
    },
  };

  function prepare(node) {
    const list = [{ key: 'plain', label: 'node dist/tomoda-app-fn.cjs', args: [], script: bundle, extraEnv: {}, scale: true }];
    if (baseline) list.unshift({ key: 'baseline', label: `baseline ${baseline.split('/').pop()}`, args: [], script: baseline, extraEnv: {}, scale: true });
    if (supportsCompileCache(node)) {
      const dir = join(cache, `compile-cache-${node.version}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const extraEnv = { NODE_COMPILE_CACHE: dir };
      const input = openSync(warmInput, 'r');
      spawnSync(node.bin, [bundle], { stdio: [input, 'ignore', 'ignore'], env: { ...env, ...extraEnv } });
      closeSync(input);
      list.push({ key: 'compile-cache', label: 'node dist/tomoda-app-fn.cjs, NODE_COMPILE_CACHE primed', args: [], script: bundle, extraEnv, scale: false });
    }
    const blob = join(cache, `tomoda-app-fn-${node.version}.blob`);
    const built = spawnSync(node.bin, ['--snapshot-blob', blob, '--build-snapshot', bundle], { encoding: 'utf8', env });
    if (built.status === 0) {
      list.push({ key: 'snapshot', label: `node --snapshot-blob tomoda-app-fn.blob`, args: ['--snapshot-blob', blob], script: undefined, extraEnv: {}, scale: true });
    } else {
      log(`${node.label}: no snapshot row, --build-snapshot failed: ${built.stderr.trim().split('\n').at(-1)}`);
    }
    return list;
  }
}

/** module.enableCompileCache / NODE_COMPILE_CACHE arrived in Node 22.1. */
function supportsCompileCache(node) {
  const [major, minor] = node.version.slice(1).split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 1);
}

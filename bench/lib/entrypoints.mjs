// The ways of starting the function that the benchmark compares, per Node binary.
// Each entry: { label, args (node flags), script, extraEnv, argv, env, scale (also run at scale) }.
// BENCH_BASELINE=FILE adds FILE (an older build of the bundle) as a row, for before/after figures.
import { existsSync } from 'node:fs';

export function entrypoints({ bundle, env }) {
  const baseline = process.env.BENCH_BASELINE;
  if (baseline && !existsSync(baseline)) throw new Error(`BENCH_BASELINE=${baseline} does not exist`);
  return {
    forNode(node) {
      const list = [{ label: 'node dist/tomoda-app-fn.cjs', args: [], script: bundle, extraEnv: {}, scale: true }];
      if (baseline) list.unshift({ label: `baseline ${baseline.split('/').pop()}`, args: [], script: baseline, extraEnv: {}, scale: true });
      return list.map((e) => ({ ...e, argv: [node.bin, ...e.args, e.script], env: { ...env, ...e.extraEnv } }));
    },
  };
}

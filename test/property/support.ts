// Shared by the property tests: how many runs, how to build a ResourceList around a config, how to run the
// function in-process (runCli, as main.ts calls it) and read its output back.
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { runCli, type CliOutput } from '../../src/cli.js';
import { CHECKED_KINDS } from '../../src/verify/kinds.js';
import { InputError } from '../../src/io/input-error.js';

/** `npm test` runs each property `base` times; `npm run test:property` multiplies that by TOMODA_PROPERTY_SCALE. */
export const runs = (base: number): number => Math.round(base * Number(process.env.TOMODA_PROPERTY_SCALE ?? 1));

/** Every property runs with one fixed seed (test/support/property-seed.ts, TOMODA_PROPERTY_SEED to change it); this is
 * that seed, for a property that passes its parameters explicitly. */
export const seed = { seed: fc.readConfigureGlobal().seed as number };

/** Every kind the function emits: the checks' own table, so a new kind is schema-checked here too. */
export const RENDERED_KINDS = Object.keys(CHECKED_KINDS).map((key) => ({
  apiVersion: key.slice(0, key.lastIndexOf('/')),
  kind: key.slice(key.lastIndexOf('/') + 1),
}));

export type Mode = 'transformer' | 'generator';

/** The ResourceList a runner would send: kustomize's generator mode hands the config over as an item too. */
export function resourceList(config: unknown, mode: Mode, items: unknown[] = []): string {
  const own =
    mode === 'generator' && typeof config === 'object' && config !== null
      ? [
          {
            ...config,
            metadata: { ...(config as any).metadata, annotations: { 'config.kubernetes.io/local-config': 'true', 'internal.config.kubernetes.io/id': '1' } },
          },
        ]
      : [];
  return stringify(
    { apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [...items, ...own], functionConfig: config },
    { aliasDuplicateObjects: false },
  );
}

/** runCli as main.ts runs it: an input it cannot take (a thrown InputError) is one line on stderr and exit 1. */
export function runInProcess(stdin: string): CliOutput {
  try {
    return runCli([], { readStdin: () => stdin, readFile: () => stdin });
  } catch (e) {
    if (e instanceof InputError) return { stdout: '', stderr: `tomoda-app-fn: error: ${e.message}\n`, code: 1 };
    throw e;
  }
}

/** The output's items as a YAML 1.1 reader (kustomize) sees them; an echoed functionConfig may hold keys that are
 * distinct in YAML 1.2 but the same boolean in 1.1 (n, N), which is the input's business, not the output's. */
export function itemsOf(stdout: string): any[] {
  return ((parse(stdout, { version: '1.1', uniqueKeys: false }) as { items?: any[] } | null)?.items ?? []) as any[];
}

export const isGenerated = (item: any): boolean => item?.metadata?.labels?.['app.kubernetes.io/managed-by'] === 'tomoda-app-fn';

/** One clean failure: exit 1, every stderr line one sentence of this function, no stack trace, no internal error. */
export function cleanFailureProblems(run: { stdout: string; stderr: string; code: number | null }): string[] {
  const problems: string[] = [];
  if (run.code !== 1) problems.push(`exit code ${run.code}, expected 1`);
  const lines = run.stderr.split('\n').filter(Boolean);
  if (!lines.some((line) => line.startsWith('tomoda-app-fn: error'))) problems.push('no error line on stderr');
  for (const line of lines) {
    if (!/^tomoda-app-fn: (error|warning|info)\b/.test(line)) problems.push(`a stderr line that is not a result: ${line}`);
    if (/internal (error|check)|please report it/.test(line)) problems.push(`an internal error: ${line}`);
  }
  if (/\n\s+at /.test(run.stderr)) problems.push('a stack trace on stderr');
  return problems;
}

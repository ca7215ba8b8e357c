// Random valid TomodaApps: the function accepts each one, its output is schema-valid, the same bytes twice,
// and a second run on its own output changes nothing. In-process for the many runs; the bundle for a sample.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { verifyContextOf } from '../../src/verify/context.js';
import { verifyRendered } from '../../src/verify/index.js';
import { runFn } from '../support/run-fn.js';
import { KubernetesSchemas } from '../verify/kubernetes-schemas.js';
import { tomodaApp, type Config } from './arbitraries.js';
import { isGenerated, itemsOf, RENDERED_KINDS, resourceList, runInProcess, runs, seed, type Mode } from './support.js';

let schemas: KubernetesSchemas;
beforeAll(async () => {
  schemas = await KubernetesSchemas.load(RENDERED_KINDS);
});

const mode = fc.constantFrom<Mode>('transformer', 'generator');

function outputProblems(config: Config, stdout: string): string[] {
  const generated = itemsOf(stdout).filter(isGenerated);
  if (generated.length === 0) return ['no generated objects'];
  const { model } = loadConfig(config);
  return [
    ...generated.flatMap((object) => schemas.check(object).map((p) => `${object.kind}/${object.metadata?.name}: ${p}`)),
    ...verifyRendered(generated, verifyContextOf(model!)).map((r) => r.message),
  ];
}

describe('random valid TomodaApps', () => {
  it(
    'are accepted, render schema-valid objects, deterministically and idempotently (in-process)',
    () => {
      fc.assert(
        fc.property(tomodaApp, mode, (config, how) => {
          const input = resourceList(config, how);
          const first = runInProcess(input);
          expect(
            first.stderr.split('\n').filter((l) => l.includes(': error')),
            first.stderr,
          ).toEqual([]);
          expect(first.code).toBe(0);
          expect(outputProblems(config, first.stdout)).toEqual([]);
          expect(runInProcess(input).stdout).toBe(first.stdout);
          expect(runInProcess(first.stdout).stdout).toBe(first.stdout);
        }),
        { numRuns: runs(200), ...seed },
      );
    },
    runs(60_000),
  );

  it(
    'give the same bytes through the bundle as in-process, and stay idempotent there',
    () => {
      fc.assert(
        fc.property(tomodaApp, mode, (config, how) => {
          const input = resourceList(config, how);
          const bundled = runFn(input);
          expect(bundled.code, bundled.stderr).toBe(0);
          expect(bundled.stdout).toBe(runInProcess(input).stdout);
          expect(runFn(bundled.stdout).stdout).toBe(bundled.stdout);
        }),
        { numRuns: runs(12), endOnFailure: true, ...seed }, // shrinking through a child process takes minutes
      );
    },
    runs(60_000),
  );
});

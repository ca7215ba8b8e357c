// Random mutations of valid configs (values of any type, deleted and renamed keys, unknown keys such as
// __proto__ and constructor): the function either succeeds cleanly or fails cleanly, never crashes, never
// reports an internal error, never writes generated objects next to an error, and pollutes no prototype.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runFn } from '../support/run-fn.js';
import { mutate, mutation, tomodaApp } from './arbitraries.js';
import { cleanFailureProblems, isGenerated, itemsOf, resourceList, runInProcess, runs, seed, type Mode } from './support.js';

const mode = fc.constantFrom<Mode>('transformer', 'generator');
const mutated = fc.tuple(tomodaApp, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([config, mutations]) => mutate(config, mutations));

function outcomeProblems(run: { stdout: string; stderr: string; code: number | null }): string[] {
  if (run.code === 0) {
    const errors = run.stderr.split('\n').filter((line) => /^tomoda-app-fn: error/.test(line));
    return errors.length ? [`exit 0 with errors: ${errors[0]}`] : [];
  }
  const problems = cleanFailureProblems(run);
  if (run.stdout && itemsOf(run.stdout).some(isGenerated)) problems.push('generated objects next to an error');
  return problems;
}

describe('random mutations of valid TomodaApps', () => {
  it(
    'end in a clean success or a clean error (in-process)',
    () => {
      fc.assert(
        fc.property(mutated, mode, (config, how) => {
          const run = runInProcess(resourceList(config, how));
          expect(outcomeProblems(run), run.stderr).toEqual([]);
          expect(Object.prototype).not.toHaveProperty('polluted');
          expect(({} as Record<string, unknown>).value).toBeUndefined();
        }),
        { numRuns: runs(300), ...seed },
      );
    },
    runs(60_000),
  );

  it(
    'end in a clean success or a clean error through the bundle',
    () => {
      fc.assert(
        fc.property(mutated, mode, (config, how) => {
          const run = runFn(resourceList(config, how));
          expect(outcomeProblems(run), run.stderr).toEqual([]);
        }),
        { numRuns: runs(12), endOnFailure: true, ...seed },
      );
    },
    runs(60_000),
  );
});

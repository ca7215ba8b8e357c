// The vitest configuration `npm run test:mutation` (Stryker) runs: the in-process tests only. Tests that spawn the
// bundle cannot see a mutant (Stryker mutates src/, not dist/), so they are left out; the golden cases run
// in-process instead (TOMODA_GOLDEN_IN_PROCESS), and the property tests are left to `npm test`. output-validity is
// left out too: it loads the Kubernetes schemas (seconds) for every mutant it covers, which is every one in render/
// and config/, and the golden cases already pin each of those objects byte for byte.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // TOMODA_MUTATION_TESTS=glob,glob narrows the tests as --mutate narrows the mutants (a run over config/ with
    // test/config and the golden cases takes a fraction of the time of one with every test that loads a config).
    include: process.env.TOMODA_MUTATION_TESTS?.split(',') ?? [
      'test/config/**/*.test.ts',
      'test/render/**/*.test.ts',
      'test/verify/**/*.test.ts',
      'test/io/**/*.test.ts',
      'test/golden.test.ts',
    ],
    exclude: ['test/verify/output-validity.test.ts'],
    // Properties run a tenth of their cases: a mutant that a property finds is mostly found in its first cases, and
    // every survivor runs them all (read-block-yaml's alone took minutes per mutant at full count on this machine).
    env: { TOMODA_MUTATION_RUN: '1', TOMODA_GOLDEN_IN_PROCESS: '1', TOMODA_PROPERTY_SCALE: process.env.TOMODA_PROPERTY_SCALE ?? '0.1' },
  },
});

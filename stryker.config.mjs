// Mutation testing: `npm run test:mutation` (not part of `npm test`). Stryker changes src/ one small edit at a time
// and runs the in-process tests that cover the edit (vitest.mutation.config.mts); a mutant no test notices survives.
// Scope a run with `npm run test:mutation -- --mutate 'src/render/**/*.ts'`; on a busy machine add `--concurrency 1`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  coverageAnalysis: 'perTest',
  // The generated fast parser is not mutated: it is the generator's output, which is (generate-fast-parse.ts, and
  // schema.ts it reads); test/config/fast-path-generated.test.ts fails when the committed file is not what they write.
  mutate: ['src/config/**/*.ts', 'src/render/**/*.ts', 'src/verify/**/*.ts', 'src/io/**/*.ts', '!src/**/*.d.ts', '!src/config/fast-parse.generated.ts'],
  ignoreStatic: true,
  // No `// @ts-nocheck` written into the sandbox's files: vitest does not type-check (the TypeScript checker does, on
  // its own), and the header would make the committed generated parser differ from what its generator writes.
  disableTypeChecks: false,
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { reportTests: false, reportMutants: true, allowEmojis: false },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

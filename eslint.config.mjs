// The linter keeps the code's shape: no floating or misused promises, no unused code, type-only imports
// marked as such, strict equality, and the layering of src/ (io → config → render → verify → io, with
// k8s the leaf every layer may use). No formatter rules: layout is not checked here.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TOP_LEVEL = '^\\.\\./(cli|main|process|generate|schema-export)\\.js$';

/** A folder under src/ may not import these (relative paths as written from a file directly in the folder). */
const layer = (folders, message) => ({
  regex: `^\\.\\./(${folders.join('|')})/`,
  message,
});
const entryPoints = { regex: TOP_LEVEL, message: 'Only the entry points import cli, main, process and generate.' };

const LAYERS = {
  'src/k8s/**': [{ regex: '^\\.\\./', message: 'k8s holds Kubernetes value semantics and imports nothing else from the project.' }],
  'src/io/**': [
    layer(['config', 'render', 'verify', 'runners', 'commands', 'k8s'], 'io reads and writes YAML and knows nothing of the TomodaApp.'),
    entryPoints,
  ],
  'src/config/**': [
    layer(['io', 'render', 'verify', 'runners', 'commands'], 'config turns the TomodaApp into the model; it does not read, render or check objects.'),
    entryPoints,
  ],
  'src/render/**': [
    layer(['io', 'verify', 'runners', 'commands'], 'render turns the model into objects; it does no I/O and no checking.'),
    entryPoints,
  ],
  'src/verify/**': [
    layer(['io', 'runners', 'commands'], 'verify checks rendered objects; it does no I/O.'),
    entryPoints,
  ],
  'src/runners/**': [layer(['commands'], 'runners hold runner-specific placement; commands are above them.'), entryPoints],
  'src/commands/**': [{ regex: '^\\.\\./(cli|main)\\.js$', message: 'Commands are dispatched by cli; they do not import it.' }],
};

/** Only the process entry point, the commands and the stdout writer touch the file system or spawn processes. */
const SYSTEM_ACCESS = ['src/main.ts', 'src/boot.ts', 'src/commands/**', 'src/io/write-all.ts'];
const SYSTEM_MODULES = ['fs', 'fs/promises', 'child_process'].flatMap((name) => [name, `node:${name}`]);
const SYSTEM_SOURCE = '/^(node:)?(fs|child_process)\\b/';
const systemPaths = SYSTEM_MODULES.map((name) => ({
  name,
  message: 'Only src/main.ts, src/commands/** and src/io/write-all.ts use the file system or child processes.',
}));

const restrict = (files, patterns, withSystem) => ({
  files: [files],
  ...(withSystem ? {} : { ignores: SYSTEM_ACCESS }),
  rules: {
    'no-restricted-imports': ['error', { paths: withSystem ? [] : systemPaths, patterns }],
    'no-restricted-syntax': withSystem
      ? 'off'
      : [
          'error',
          {
            selector: `:matches(ImportExpression, CallExpression[callee.name='require']) > Literal[value=${SYSTEM_SOURCE}]`,
            message: systemPaths[0].message,
          },
        ],
  },
});

export default defineConfig(
  { ignores: ['dist/**', 'coverage/**', 'reports/**', '.stryker-tmp/**', 'bench/.cache/**'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'vitest.config.mts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // `require(...) as typeof import(...)` loads a module lazily (see main.ts); that annotation is allowed.
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      'no-unused-private-class-members': 'error',
      eqeqeq: 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      'no-unused-private-class-members': 'error',
      eqeqeq: 'error',
    },
  },
  // Layering: the whole of src/ first (system modules only), then each folder, then the files allowed
  // system access (which keep their folder's layering). A later block replaces an earlier rule's options.
  restrict('src/**/*.ts', [], false),
  ...Object.entries(LAYERS).map(([files, patterns]) => restrict(files, patterns, false)),
  restrict('src/main.ts', [], true),
  restrict('src/commands/**', LAYERS['src/commands/**'], true),
  restrict('src/io/write-all.ts', LAYERS['src/io/**'], true),
);

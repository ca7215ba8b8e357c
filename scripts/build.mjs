// Bundles src/main.ts into one minified, executable CommonJS file: the file the image, kpt and the tests run.
// `bundle()` is also used by bench/ablation.mjs to build the same file with one optimisation taken out.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
export const OUTFILE = resolve(ROOT, pkg.bin['tomoda-app-fn']);

/** `import text from './file?raw'` bundles the file's text, as Vite (and so vitest) does. */
const rawText = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: new URL(args.path.replace(/\?raw$/, ''), `file://${args.resolveDir}/`).pathname, namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
  },
};

/**
 * Modules evaluated on first use, not at start-up: a run on a valid config in the block YAML that kustomize and kpt
 * write calls none of them.
 * - `yaml`, the fallback reader and writer (src/io/read-block-yaml.ts, emit-block-yaml.ts);
 * - the zod schema and the JSON Schema made from it, and so zod: a valid config takes the fast path generated from
 *   the schema (src/config/fast-parse.generated.ts); zod words what is wrong with one that is not. src/zod-jitless.ts
 *   runs first, before any schema is built.
 * In place of each, a stand-in whose exports load the real module on first use, and record its name in
 * `globalThis[Symbol.for('tomoda-app-fn.loaded')]` when a test has put a list there (test/config/fast-path-bundle.test.ts).
 */
export const LAZY_MODULES = {
  yaml: { from: /^yaml$/, path: require.resolve('yaml') },
  schema: { from: /\/schema\.js$/, path: resolve(ROOT, 'src/config/schema.ts'), first: resolve(ROOT, 'src/zod-jitless.ts') },
  'schema-export': { from: /\/schema-export\.js$/, path: resolve(ROOT, 'src/schema-export.ts'), first: resolve(ROOT, 'src/zod-jitless.ts') },
};

/** The names a module exports: a package's CommonJS build is loaded, a TypeScript file is read by esbuild. */
async function exportNames(path) {
  if (!path.endsWith('.ts')) return Object.keys(require(path)).filter((name) => name !== 'default' && name !== '__esModule');
  const { metafile } = await build({ entryPoints: [path], metafile: true, write: false, outdir: 'out', format: 'esm', logLevel: 'warning' });
  return Object.values(metafile.outputs)[0].exports;
}

/** @param {{ eager: string[], jitless: boolean }} options  eager: lazy modules to bundle as is; jitless: false keeps zod's JIT */
const lazyModules = ({ eager, jitless }) => ({
  name: 'lazy-modules',
  async setup(b) {
    for (const [name, { from, path, first }] of Object.entries(LAZY_MODULES)) {
      if (eager.includes(name)) continue;
      const names = await exportNames(path);
      const real = path.endsWith('.ts') ? path : undefined;
      b.onResolve({ filter: from }, (args) => {
        if (args.namespace === 'lazy') return undefined;
        if (real && resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) !== real) return undefined;
        return { path: name, namespace: 'lazy' };
      });
      b.onLoad({ filter: new RegExp(`^${name}$`), namespace: 'lazy' }, () => ({
        resolveDir: dirname(path),
        contents: [
          'let real;',
          'const load = () => {',
          '  if (real) return real;',
          ...(first && jitless ? [`  require(${JSON.stringify(first)});`] : []),
          `  real = require(${JSON.stringify(path)});`,
          `  globalThis[Symbol.for('tomoda-app-fn.loaded')]?.push(${JSON.stringify(name)});`,
          '  return real;',
          '};',
          `module.exports = { ${names.map((n) => `get ${n}() { return load().${n}; }`).join(', ')} };`,
        ].join('\n'),
      }));
    }
  },
});

/** Replaces whole source files (paths relative to the repository) with other TypeScript: for ablation builds. */
const replaceFiles = (replacements) => ({
  name: 'replace-files',
  setup(b) {
    const byPath = new Map(Object.entries(replacements).map(([path, contents]) => [resolve(ROOT, path), contents]));
    b.onLoad({ filter: /\.ts$/ }, (args) => (byPath.has(args.path) ? { contents: byPath.get(args.path), loader: 'ts' } : undefined));
  },
});

/**
 * Two steps: the function's code (src/main.ts and everything it imports) becomes one source text, and that text
 * goes into src/boot.ts's loader as a string, which runs it from a V8 code cache (see there). A string is
 * scanned far faster than code is parsed, so with a cache V8 parses almost nothing.
 * @param {{ outfile?: string, eager?: string[], jitless?: boolean, replace?: Record<string, string>, codeCache?: boolean }} options
 *   eager: names of LAZY_MODULES to bundle as is; jitless: false keeps zod's JIT; replace: source files to swap;
 *   codeCache: false writes the function's code as a plain script without the loader (bench/ablation.mjs)
 */
export async function bundle({ outfile = OUTFILE, eager = [], jitless = true, replace = {}, codeCache = true } = {}) {
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'warning' };
  const main = await build({
    ...common,
    entryPoints: [resolve(ROOT, 'src/main.ts')],
    write: false,
    define: { __VERSION__: JSON.stringify(pkg.version) },
    // an eager schema still builds after zod's JIT is off
    inject: jitless && eager.includes('schema') ? [LAZY_MODULES.schema.first] : [],
    plugins: [rawText, lazyModules({ eager, jitless }), ...(Object.keys(replace).length ? [replaceFiles(replace)] : [])],
  });
  const code = main.outputFiles[0].text;
  mkdirSync(dirname(outfile), { recursive: true });
  if (codeCache) {
    const source = `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
    const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
    // The code goes into the comment of an empty function (src/boot.ts, Main): esbuild escapes control characters,
    // so DEL does not occur in it and can stand between the star and the slash of each "*/" inside.
    if (source.includes('\x7f')) throw new Error('the bundled code holds a DEL character: it cannot go into the loader as a comment');
    const comment = `function(){/*${source.replaceAll('*/', '*\x7f/')}*/}`;
    const PLACEHOLDER = '__MAIN_TEXT__';
    const outer = await build({
      ...common,
      stdin: {
        contents: `require('./src/boot.ts').boot({ text: ${PLACEHOLDER}, hash: __MAIN_HASH__ }, [typeof exports === 'object' ? exports : {}, require, typeof module === 'object' ? module : undefined, __filename, __dirname]);`,
        resolveDir: ROOT,
        sourcefile: 'entry.cjs',
        loader: 'js',
      },
      write: false,
      banner: { js: '#!/usr/bin/env node' },
      define: { __MAIN_HASH__: JSON.stringify(hash) },
    });
    const text = outer.outputFiles[0].text;
    if (text.split(PLACEHOLDER).length !== 2) throw new Error(`the loader does not hold ${PLACEHOLDER} once`);
    writeFileSync(outfile, text.replace(PLACEHOLDER, () => comment));
  } else {
    writeFileSync(outfile, `#!/usr/bin/env node\n${code}`);
  }
  chmodSync(outfile, 0o755);
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await bundle();

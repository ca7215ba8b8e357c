// Bundles src/main.ts into one minified, executable CommonJS file: the file the image, kpt and the tests run.
// `bundle()` is also used by bench/ablation.mjs to build the same file with one optimisation taken out.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
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
 * `yaml` is the fallback reader and writer: a run on the block YAML that kustomize and kpt write never calls it
 * (src/io/read-block-yaml.ts, emit-block-yaml.ts). Bundled as is, its modules would still be evaluated at
 * start-up; this plugin puts a stand-in in its place whose exports load the real module on first use.
 */
const lazyYaml = {
  name: 'lazy-yaml',
  setup(b) {
    const real = require.resolve('yaml');
    const names = Object.keys(require('yaml')).filter((name) => name !== 'default' && name !== '__esModule');
    b.onResolve({ filter: /^yaml$/ }, (args) => (args.namespace === 'lazy-yaml' ? undefined : { path: 'yaml', namespace: 'lazy-yaml' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => ({
      resolveDir: dirname(real),
      contents: [
        'let real;',
        `const load = () => (real ??= require(${JSON.stringify(real)}));`,
        `module.exports = { ${names.map((name) => `get ${name}() { return load().${name}; }`).join(', ')} };`,
      ].join('\n'),
    }));
  },
};

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
 * @param {{ outfile?: string, lazyYaml?: boolean, replace?: Record<string, string>, codeCache?: boolean }} options
 *   lazyYaml: false bundles yaml as is; replace: source files to swap; codeCache: false writes the function's
 *   code as a plain script without the loader (bench/ablation.mjs)
 */
export async function bundle({ outfile = OUTFILE, lazyYaml: lazy = true, replace = {}, codeCache = true } = {}) {
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'warning' };
  const main = await build({
    ...common,
    entryPoints: [resolve(ROOT, 'src/main.ts')],
    write: false,
    define: { __VERSION__: JSON.stringify(pkg.version) },
    plugins: [rawText, ...(lazy ? [lazyYaml] : []), ...(Object.keys(replace).length ? [replaceFiles(replace)] : [])],
  });
  const code = main.outputFiles[0].text;
  if (codeCache) {
    const source = `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
    const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
    await build({
      ...common,
      stdin: {
        contents: "require('./src/boot.ts').boot({ source: __MAIN_SOURCE__, hash: __MAIN_HASH__ }, [typeof exports === 'object' ? exports : {}, require, typeof module === 'object' ? module : undefined, __filename, __dirname]);",
        resolveDir: ROOT,
        sourcefile: 'entry.cjs',
        loader: 'js',
      },
      outfile,
      banner: { js: '#!/usr/bin/env node' },
      define: { __MAIN_SOURCE__: JSON.stringify(source), __MAIN_HASH__: JSON.stringify(hash) },
    });
  } else {
    writeFileSync(outfile, `#!/usr/bin/env node\n${code}`);
  }
  chmodSync(outfile, 0o755);
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await bundle();

// Writes what is derived from the zod schema, after any change to it: `npm run schema`.
// - the JSON Schemas editors use (src/schema-export.ts), to schema/; test/cli.test.ts and test/editor/ fail while
//   a committed file differs from what this writes;
// - the fast path of config loading (src/config/generate-fast-parse.ts), to src/config/fast-parse.generated.ts;
//   test/config/fast-path-generated.test.ts fails while it differs.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';

/** A TypeScript module of this repository, bundled (zod included) and imported. */
async function load(path) {
  const out = await build({
    entryPoints: [new URL(path, import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

const { SCHEMA_FILES } = await load('../src/schema-export.ts');
for (const [file, schema] of Object.entries(SCHEMA_FILES)) {
  writeFileSync(new URL(`../schema/${file}`, import.meta.url), `${JSON.stringify(schema(), null, 2)}\n`);
  console.log(`schema/${file}`);
}

const { FAST_PARSE_FILE, fastParseSource } = await load('../src/config/generate-fast-parse.ts');
writeFileSync(new URL(`../${FAST_PARSE_FILE}`, import.meta.url), fastParseSource());
console.log(FAST_PARSE_FILE);

// Writes the JSON Schemas editors use (src/schema-export.ts) to schema/: `npm run schema`, after any change to
// the zod schema. test/cli.test.ts and test/editor/ fail while a committed file differs from what this writes.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';

const out = await build({
  entryPoints: [new URL('../src/schema-export.ts', import.meta.url).pathname],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const { SCHEMA_FILES } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
for (const [file, schema] of Object.entries(SCHEMA_FILES)) {
  writeFileSync(new URL(`../schema/${file}`, import.meta.url), `${JSON.stringify(schema(), null, 2)}\n`);
  console.log(`schema/${file}`);
}

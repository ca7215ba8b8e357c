// The schema files under schema/ are what `npm run schema` writes, and the validators people reach for take
// them as they are: ajv with its defaults (strict mode, no format plugins) and ajv-cli without options.
import Ajv from 'ajv';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES, jsonSchema, patchJsonSchema } from '../../src/schema-export.js';
import { ROOT } from '../support/run-fn.js';

const require = createRequire(import.meta.url);
const AJV_CLI = join(require.resolve('ajv-cli/package.json'), '..', 'dist', 'index.js');
const SCHEMA = join(ROOT, 'schema', 'tomodaapp.schema.json');
const PATCH_SCHEMA = join(ROOT, 'schema', 'tomodaapp-patch.schema.json');
const CONFIGS = ['fn-config/tomoda-app.yaml', 'examples/kpt/tomoda/app/tomoda-app.yaml', 'examples/k8s/apps/tomoda/base/app/tomoda-app.yaml'];
const PATCHES = ['examples/k8s/apps/tomoda/overlays/dev/app/tomoda-app-patch.yaml', 'examples/k8s/apps/tomoda/overlays/prod/app/tomoda-app-patch.yaml'];
const readYaml = (file: string): unknown => parse(readFileSync(join(ROOT, file), 'utf8'));

/** ajv with every default, its warnings collected instead of printed. */
function strictAjv(): { ajv: Ajv; warnings: string[] } {
  const warnings: string[] = [];
  const logger = { log: () => {}, warn: (...args: unknown[]) => warnings.push(args.join(' ')), error: (...args: unknown[]) => warnings.push(args.join(' ')) };
  return { ajv: new Ajv({ logger }), warnings };
}

describe('schema/', () => {
  it('holds exactly what npm run schema writes', () => {
    expect(Object.keys(SCHEMA_FILES).sort()).toEqual(['tomodaapp-patch.schema.json', 'tomodaapp.schema.json']);
    for (const [file, schema] of Object.entries(SCHEMA_FILES)) {
      expect(readFileSync(join(ROOT, 'schema', file), 'utf8'), `schema/${file}: run npm run schema`).toBe(`${JSON.stringify(schema(), null, 2)}\n`);
    }
  });

  it('is draft-07 and compiles in ajv with its defaults, without a warning', () => {
    const { ajv, warnings } = strictAjv();
    for (const schema of [jsonSchema(), patchJsonSchema()]) {
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      ajv.compile(schema);
    }
    expect(warnings).toEqual([]);
  });

  it('ajv-cli with its defaults validates the example configs and overlay patches with them', () => {
    const ajvCli = (schema: string, files: string[]) =>
      spawnSync(process.execPath, [AJV_CLI, 'validate', '-s', schema, ...files.flatMap((f) => ['-d', f])], { cwd: ROOT, encoding: 'utf8' });
    const configs = ajvCli(SCHEMA, CONFIGS);
    expect(configs.status, configs.stderr).toBe(0);
    const patches = ajvCli(PATCH_SCHEMA, PATCHES);
    expect(patches.status, patches.stderr).toBe(0);
    // a patch is not a whole config: the other schema refuses each
    const wrongSchema = ajvCli(SCHEMA, PATCHES);
    expect(wrongSchema.status).not.toBe(0);
    for (const patch of PATCHES) expect(wrongSchema.stderr).toContain(`${patch} invalid`);
  });
});

describe('the patch schema', () => {
  const { ajv } = strictAjv();
  const validateWhole = ajv.compile(jsonSchema());
  const validatePatch = ajv.compile(patchJsonSchema());

  it('accepts every whole config, and a patch holding nothing but the object it patches', () => {
    for (const config of CONFIGS) {
      expect(validateWhole(readYaml(config))).toBe(true);
      expect(validatePatch(readYaml(config))).toBe(true);
    }
    expect(validatePatch({ apiVersion: 'tomoda.life/v1alpha1', kind: 'TomodaApp', metadata: { name: 'tomoda' } })).toBe(true);
  });

  it('lets null delete any field under spec, and nowhere else', () => {
    expect(validatePatch({ spec: { backend: { pools: { api: { replicas: null } } }, ingress: null } })).toBe(true);
    expect(validatePatch({ kind: null })).toBe(false);
  });

  it('keeps the value rules: unknown keys, wrong types, bad names and out-of-range numbers fail', () => {
    expect(validatePatch({ spec: { backend: { pools: { api: { replica: 2 } } } } })).toBe(false);
    expect(validatePatch({ spec: { backend: { pools: { api: { replicas: 'two' } } } } })).toBe(false);
    expect(validatePatch({ spec: { backend: { pools: { Api_Pool: { replicas: 2 } } } } })).toBe(false);
    expect(validatePatch({ spec: { config: { database: { sslMode: 'always' } } } })).toBe(false);
    expect(validatePatch({ spec: { config: { frontendUrl: 'app.example.com' } } })).toBe(false);
    expect(validatePatch({ spec: { config: { frontendUrl: 'https://app.example.com' } } })).toBe(true);
  });
});

// The committed JSON Schema (schema/tomodaapp.schema.json, what editors validate with) never rejects a config the
// function accepts: random valid configs, random mutations of them that the function still accepts, and every
// golden and example config. (It may accept more: cross-field rules are the function's alone.)
import Ajv from 'ajv';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ROOT } from '../support/run-fn.js';
import { mutate, mutation, tomodaApp } from './arbitraries.js';
import { runs, seed } from './support.js';
import { readableInputs } from '../support/testdata.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'tomodaapp.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);
const problems = (config: unknown): string[] => (validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
const accepted = (config: unknown): boolean => loadConfig(config).app !== undefined;

describe('the committed JSON Schema', () => {
  it('accepts every random valid config', () => {
    fc.assert(
      fc.property(tomodaApp, (config) => {
        expect(accepted(config)).toBe(true);
        expect(problems(config)).toEqual([]);
      }),
      { numRuns: runs(150), ...seed },
    );
  });

  it('accepts every mutated config that the function still accepts', () => {
    fc.assert(
      fc.property(tomodaApp, fc.array(mutation, { minLength: 1, maxLength: 3 }), (config, mutations) => {
        const changed = mutate(config, mutations);
        if (accepted(changed)) expect(problems(changed)).toEqual([]);
      }),
      { numRuns: runs(200), ...seed },
    );
  });

  it('accepts the golden and example configs the function accepts', () => {
    const configs = readableInputs()
      .map(({ list }) => list.functionConfig?.value)
      .filter(accepted);
    const example = join(ROOT, 'fn-config', 'tomoda-app.yaml');
    if (existsSync(example)) configs.push(parse(readFileSync(example, 'utf8')));
    expect(configs.length).toBeGreaterThan(5);
    for (const config of configs) expect(problems(config)).toEqual([]);
  });
});

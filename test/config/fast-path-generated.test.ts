// The fast path of config loading is generated from the zod schema (npm run schema): the committed module must be
// what the generator writes today, and the generator must refuse what it cannot say exactly rather than guess.
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { FAST_PARSE_FILE, fastParseSource } from '../../src/config/generate-fast-parse.js';
import { isCidr } from '../../src/k8s/cidr.js';
import { ROOT } from '../support/run-fn.js';

describe('the generated fast path', () => {
  it(`${FAST_PARSE_FILE} is what npm run schema writes from the current schema`, () => {
    expect(readFileSync(`${ROOT}/${FAST_PARSE_FILE}`, 'utf8') === fastParseSource(), `${FAST_PARSE_FILE} is stale: run npm run schema`).toBe(true);
  });

  it('imports a refinement by the name it is exported under', () => {
    expect(fastParseSource(z.strictObject({ cidr: z.string().refine(isCidr) }))).toContain("import { isCidr } from '../k8s/cidr.js';");
  });

  it.each([
    ['a string format', z.strictObject({ url: z.url() }), 'url has the string format url'],
    ['a transform', z.strictObject({ name: z.string().transform((s) => s.trim()) }), 'name is a zod pipe'],
    ['a default', z.strictObject({ tag: z.string().default('latest') }), 'tag is a zod default'],
    ['an overwriting check', z.strictObject({ name: z.string().trim() }), 'name has the check overwrite on a string'],
    ['coercion', z.strictObject({ port: z.coerce.number() }), 'port coerces its input'],
    ['an object that strips unknown keys', z.object({ a: z.string() }), 'the config is an object that strips unknown keys'],
    [
      'a refinement written in place',
      z.strictObject({ host: z.string().refine((s) => s !== 'localhost') }),
      'host has a refinement that is not an exported predicate',
    ],
    ['a number format other than a safe integer', z.strictObject({ n: z.int32() }), 'n has the number format int32'],
    ['a record with enumerable keys', z.record(z.enum(['a', 'b']), z.string()), 'the config is a record whose keys are not plain strings'],
    ['a nullable value', z.strictObject({ a: z.string().nullable() }), 'a is a zod nullable'],
  ])('refuses %s, naming the field', (_, schema, message) => {
    expect(() => fastParseSource(schema)).toThrow(`${FAST_PARSE_FILE} cannot be generated: ${message}`);
  });
});

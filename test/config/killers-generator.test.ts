// The generator of the fast path, on small zod schemas: every construct it supports, generated and evaluated, gives
// zod's verdict and zod's value; every construct it cannot express is refused with its whole sentence; and the
// runtime helpers the generated module calls behave as zod does on both sides of each bound.
import ts from 'typescript';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { array, codePoints, FAIL, object, record, shape } from '../../src/config/fast-parse-runtime.js';
import { FAST_PARSE_FILE, fastParseSource } from '../../src/config/generate-fast-parse.js';

/** Predicates a schema may refine with, as the generator finds them: by identity in a module's exports. */
const isEven = (n: number): boolean => n % 2 === 0;
const isShort = (s: string): boolean => s.length < 4;
const MODULES = { './even.js': { isEven }, './short.js': { isShort } };

/** The generated module, evaluated: its imports are the runtime above and the predicates of MODULES. */
function compile(schema: z.ZodType): (input: unknown) => unknown {
  const source = fastParseSource(schema, MODULES)
    .split('\n')
    .filter((line) => !line.startsWith('import '))
    .join('\n')
    .replace('export function fastParse', 'function fastParse');
  const js = ts.transpile(source, { target: ts.ScriptTarget.ES2022 });
  const make = new Function('array', 'codePoints', 'FAIL', 'object', 'record', 'shape', 'isEven', 'isShort', `${js}\nreturn fastParse;`);
  return make(array, codePoints, FAIL, object, record, shape, isEven, isShort) as (input: unknown) => unknown;
}

/** zod's verdict and value, and the fast path's, in a form that also compares key order. */
function verdicts(schema: z.ZodType, input: unknown): { zod: string; fast: string } {
  const parsed = schema.safeParse(input);
  const fast = compile(schema)(input);
  const show = (v: unknown): string => (v === undefined ? 'FAIL' : JSON.stringify(v, (_, x) => (x === undefined ? '<undefined>' : x)));
  return { zod: parsed.success ? show(parsed.data) : 'FAIL', fast: show(fast) };
}

const proto = (value: object): object => JSON.parse(JSON.stringify(value)) as object;
const withProto = JSON.parse('{"a":"x","__proto__":"p"}') as object;
class Box {
  a = 'x';
}

const CASES: [string, z.ZodType, unknown[]][] = [
  ['a string', z.string(), ['', 'a', 1, null, undefined]],
  [
    'a string length (in code points)',
    z.string().min(2).max(3),
    ['a', 'ab', 'abc', 'abcd', '\u{1F600}', '\u{1F600}\u{1F600}', '\u{1F600}a\u{1F600}', 'a\u{1F600}\u{1F600}a', '\ud800\ud800', '\udc00\ud800'],
  ],
  ['a number', z.number(), [0, -1.5, NaN, Infinity, -Infinity, '1', null]],
  ['a whole number', z.int(), [1, 1.5, 2 ** 53, -(2 ** 53 - 1), NaN]],
  ['number bounds (inclusive)', z.number().min(1).max(3), [0.9, 1, 3, 3.1]],
  ['number bounds (exclusive)', z.number().gt(1).lt(3), [1, 1.1, 2.9, 3]],
  ['a boolean', z.boolean(), [true, false, 0, 'true']],
  ['a literal', z.literal('on'), ['on', 'off', true]],
  ['literals of each kind', z.literal(['a', 1, true]), ['a', 1, true, 'b', 2, false, '1']],
  ['an enum', z.enum(['x', 'y']), ['x', 'y', 'z', 0]],
  ['unknown', z.unknown(), [undefined, null, { a: 1 }, [1]]],
  ['an optional string', z.strictObject({ a: z.string().optional() }), [{}, { a: undefined }, { a: 'x' }, { a: 1 }, { a: null }]],
  ['a required field', z.strictObject({ a: z.string() }), [{}, { a: undefined }, { a: 'x' }, { a: 'x', b: 1 }, null, [], 'a']],
  ['a required unknown', z.strictObject({ a: z.unknown() }), [{}, { a: undefined }, { a: 1 }]],
  ['an optional unknown', z.strictObject({ a: z.unknown().optional() }), [{}, { a: undefined }, { a: 1 }]],
  ['an optional value', z.string().optional(), [undefined, 'x', 1]],
  ['a strict object in schema order', z.strictObject({ b: z.string(), a: z.number() }), [{ a: 1, b: 'x' }, { a: 1 }, { a: 1, b: 'x', c: 0 }]],
  [
    'a loose object',
    z.looseObject({ b: z.string() }),
    [{ c: 1, b: 'x', a: 2 }, { b: 1 }, withProto, proto({ b: 'x', constructor: 1 }), { b: 'x', [Symbol('s')]: 1 }],
  ],
  ['a loose object with a __proto__ key', z.looseObject({ a: z.string() }), [withProto]],
  ['an inherited key', z.strictObject({ a: z.string() }), [Object.create({ a: 'x' }), Object.assign(Object.create({ b: 1 }), { a: 'x' })]],
  ['an array', z.array(z.number()), [[], [1, 2], [1, 'x'], ['x', 1], 'x', { length: 0 }]],
  ['array bounds', z.array(z.string()).min(1).max(2), [[], ['a'], ['a', 'b'], ['a', 'b', 'c']]],
  ['a sparse array', z.array(z.unknown()), [[, 1]]],
  ['a record', z.record(z.string(), z.number()), [{}, { a: 1 }, { a: 'x' }, { a: 1, b: 'x' }, [], null, withProto, new Box(), Object.create(null), new Map()]],
  ['a record with a __proto__ key', z.record(z.string(), z.string()), [withProto, Object.assign(Object.create({ inherited: 'x' }), { own: 'y' })]],
  ['a record with a non-enumerable key', z.record(z.string(), z.number()), [Object.defineProperty({ a: 1 }, 'hidden', { value: 'x', enumerable: false })]],
  ['a record with a symbol key', z.record(z.string(), z.number()), [{ a: 1, [Symbol('s')]: 2 }]],
  ['a record with a key pattern', z.record(z.string().regex(/^[a-z]+$/), z.number()), [{ ab: 1 }, { Ab: 1 }, { ab: 1, '1': 2 }]],
  ['a record with a key length', z.record(z.string().max(2), z.number()), [{ ab: 1 }, { abc: 1 }]],
  ['a union, first match wins', z.union([z.number(), z.string().min(2), z.strictObject({ a: z.string() })]), [1, 'ab', 'a', { a: 'x' }, { a: 1 }, null]],
  ['a pattern', z.string().regex(/^a+$/), ['aa', 'ab', '']],
  [
    'a global pattern, tested twice',
    z.array(z.string().regex(/a/g)),
    [
      ['a', 'a', 'a'],
      ['xa', 'ya'],
    ],
  ],
  ['a sticky pattern', z.array(z.string().regex(/a/y)), [['a', 'a'], ['ba']]],
  ['a refinement by an exported predicate', z.number().refine(isEven), [2, 3]],
  [
    'two refinements',
    z
      .string()
      .refine(isShort)
      .regex(/^[a-z]*$/),
    ['abc', 'abcd', 'AB'],
  ],
];

describe('the generated fast path gives zod’s verdict and value', () => {
  it.each(CASES.flatMap(([what, schema, inputs]) => inputs.map((input, i) => [`${what} #${i}`, schema, input] as const)))('%s', (_, schema, input) => {
    const { zod, fast } = verdicts(schema, input);
    expect(fast).toBe(zod);
  });

  it('writes one function for two nodes of the same body, and one constant for one pattern', () => {
    const source = fastParseSource(z.strictObject({ a: z.string().regex(/^x$/), b: z.string().regex(/^x$/), c: z.number() }), MODULES);
    expect(source.match(/^function string\d+/gm)).toEqual(['function string1']);
    expect(source.match(/^const RE\d+ = /gm)).toEqual(['const RE1 = ']);
    expect(source).toContain('/** a */\nfunction string1(v: any): any {');
    expect(source).toContain('/** (the config) */\nfunction object1(v: any): any {');
    expect(source).toContain('["b", string1, false]');
    expect(source).toContain('["c", number1, false]');
    expect(source).toContain('const SHAPE2 = shape(false, [');
  });

  it('names the function of a second node of a type by its count, and a nested field by its path', () => {
    const source = fastParseSource(z.strictObject({ a: z.string(), b: z.strictObject({ c: z.array(z.string().min(1)) }) }), MODULES);
    expect(source).toContain('/** b.c[] */\nfunction string2(v: any): any {');
    expect(source).toContain('/** b.c */\nfunction array1(v: any): any {');
    expect(source).toContain('const SHAPE1 = shape(false, [');
  });

  it('sorts the imports by module and the names within one', () => {
    const isOdd = (n: number): boolean => n % 2 === 1;
    const source = fastParseSource(z.strictObject({ s: z.string().refine(isShort), n: z.number().refine(isOdd).refine(isEven) }), {
      './z.js': { isShort },
      './a.js': { isOdd, isEven },
    });
    expect(source).toContain("import { isEven, isOdd } from './a.js';\nimport { isShort } from './z.js';\n");
  });

  it.each([
    ['by its type alone', { type: 'custom', fn: isEven }],
    ['by its check alone', { check: 'custom', fn: isEven }],
  ])('takes a refinement named %s', (_, def) => {
    const schema = { _zod: { def: { type: 'number', checks: [{ _zod: { def } }] } } };
    expect(fastParseSource(schema, MODULES)).toContain('  return typeof v === "number" && Number.isFinite(v) && isEven(v) ? v : FAIL;');
  });

  it('names a check by its type when it has no check name', () => {
    const schema = { _zod: { def: { type: 'number', checks: [{ _zod: { def: { type: 'odd' } } }] } } };
    expect(() => fastParseSource(schema, MODULES)).toThrow(
      `${FAST_PARSE_FILE} cannot be generated: the config has the check odd on a number, which the fast path does not express`,
    );
  });

  it('marks a loose object’s shape as loose', () => {
    expect(fastParseSource(z.looseObject({ a: z.string() }), MODULES)).toContain('shape(true, [');
  });
});

describe('the generator refuses what it cannot express, naming the field', () => {
  const whenRefine = z.number().check(z.refine(isEven, { when: () => true }));
  it.each([
    ['a default inside optional', z.strictObject({ a: z.string().default('x').optional() }), 'a has a default inside .optional()'],
    ['an empty enum', z.strictObject({ a: z.enum([]) }), 'a allows no value'],
    ['a null literal', z.strictObject({ a: z.literal(null) }), 'a allows null, which the fast path does not compare'],
    ['an infinite literal', z.strictObject({ a: z.literal(Infinity as unknown as number) }), 'a allows Infinity, which the fast path does not compare'],
    ['an undefined literal', z.literal(undefined), 'the config allows undefined, which the fast path does not compare'],
    ['a symbol key', z.strictObject({ [Symbol('s')]: z.string() } as unknown as Record<string, z.ZodString>), 'the config has a symbol key'],
    ['an inherited key', z.strictObject({ toString: z.string() }), 'the config has the key toString, which every object inherits'],
    [
      'an optional with checks',
      z.strictObject({
        a: z
          .string()
          .optional()
          .refine(() => true),
      }),
      'a has checks on a zod optional',
    ],
    [
      'a nested optional',
      z.strictObject({ a: z.string().optional().optional() }),
      'a is optional in a way the fast path does not express (optin optional, optout optional)',
    ],
    ['a catch', z.strictObject({ a: z.string().catch('x') }), 'a is a zod catch'],
    ['a record keyed by a number', z.record(z.number() as unknown as z.ZodString, z.string()), 'the config is a record whose keys are not plain strings'],
    ['a record keyed by a literal', z.record(z.literal('a'), z.string()), 'the config is a record whose keys are not plain strings'],
    ['a loose record', z.looseRecord(z.string(), z.string()), 'the config is a loose record'],
    ['a discriminated union', z.discriminatedUnion('k', [z.strictObject({ k: z.literal('a') })]), 'the config is a union with discriminator'],
    ['an exclusive union', z.xor([z.string(), z.number()]), 'the config is a union with inclusive'],
    ['checks on an object', z.strictObject({ a: z.strictObject({}).refine(() => true) }), 'a has checks on a zod object'],
    ['checks on a union', z.union([z.string(), z.number()]).refine(() => true), 'the config has checks on a zod union'],
    ['checks on a record', z.record(z.string(), z.string()).refine(() => true), 'the config has checks on a zod record'],
    ['checks on unknown', z.unknown().refine(() => true), 'the config has checks on a zod unknown'],
    [
      'checks on an optional',
      z
        .string()
        .optional()
        .refine(() => true),
      'the config has checks on a zod optional',
    ],
    ['an infinite bound', z.strictObject({ a: z.number().max(Infinity) }), 'a has the bound Infinity'],
    ['a string length bound that is not a number', z.strictObject({ a: z.string().min(NaN) }), 'a has the bound NaN'],
    ['a lower bound of Infinity', z.strictObject({ a: z.number().min(-Infinity) }), 'a has the bound -Infinity'],
    ['an array bound of Infinity', z.array(z.string()).max(Infinity), 'the config has the bound Infinity'],
    ['a string format', z.strictObject({ e: z.email() }), 'e has the string format email; use a named refinement'],
    ['a number format', z.strictObject({ n: z.float32() }), 'n has the number format float32'],
    ['a string format that is not a pattern', z.strictObject({ s: z.string().startsWith('a') }), 's has the string format starts_with; use a named refinement'],
    ['a multiple-of check', z.strictObject({ n: z.number().multipleOf(2) }), 'n has the check multiple_of on a number, which the fast path does not express'],
    [
      'a length check on a string',
      z.strictObject({ s: z.string().length(2) }),
      's has the check length_equals on a string, which the fast path does not express',
    ],
    ['a refinement with a when', z.strictObject({ n: whenRefine }), 'n has a refinement with a `when` condition'],
    [
      'a refinement of no module',
      z.strictObject({ n: z.number().refine((n) => n > 0) }),
      'n has a refinement that is not an exported predicate of ./even.js, ./short.js; export it there and pass it to .refine()',
    ],
    [
      'a tuple',
      z.strictObject({ t: z.tuple([z.string()]) }),
      "t is a zod tuple, which the fast path does not express (zod's output may differ from its input)",
    ],
    ['a null', z.null(), "the config is a zod null, which the fast path does not express (zod's output may differ from its input)"],
  ])('%s', (_, schema, message) => {
    expect(() => fastParseSource(schema, MODULES)).toThrow(`${FAST_PARSE_FILE} cannot be generated: ${message}`);
  });

  it('refuses a default as a zod default, before calling it optional', () => {
    expect(() => fastParseSource(z.strictObject({ a: z.string().default('x') }), MODULES)).toThrow(
      `${FAST_PARSE_FILE} cannot be generated: a is a zod default`,
    );
  });
});

describe('the runtime helpers, on both sides of each bound', () => {
  const str = (v: unknown): unknown => (typeof v === 'string' ? v : FAIL);
  const num = (v: unknown): unknown => (typeof v === 'number' ? v : FAIL);
  const strict = shape(false, [
    ['a', str, false],
    ['b', num, true],
  ]);
  const loose = shape(true, [['a', str, false]]);

  it.each([
    ['not an object', strict, 'x', FAIL],
    ['null', strict, null, FAIL],
    ['a list', strict, ['x'], FAIL],
    ['a missing required field', strict, { b: 1 }, FAIL],
    ['a required field set to undefined', strict, { a: undefined }, FAIL],
    ['an optional field set to undefined', strict, { a: 'x', b: undefined }, { a: 'x', b: undefined }],
    ['an optional field left out', strict, { a: 'x' }, { a: 'x' }],
    ['an optional field of the wrong type', strict, { a: 'x', b: 'y' }, FAIL],
    ['a required field of the wrong type', strict, { a: 1 }, FAIL],
    ['an unknown key in a strict object', strict, { a: 'x', c: 1 }, FAIL],
    ['an unknown key in a loose object', loose, { c: 1, a: 'x' }, { a: 'x', c: 1 }],
  ])('object: %s', (_, s, input, expected) => {
    expect(object(input, s)).toStrictEqual(expected);
  });

  it('object: a loose object keeps the order known-then-unknown and leaves __proto__ out', () => {
    const out = object(JSON.parse('{"z":1,"__proto__":{"polluted":true},"a":"x"}'), loose);
    expect(Object.keys(out)).toEqual(['a', 'z']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(false);
  });

  it('object: a required field parsed to undefined is kept', () => {
    expect(Object.keys(object({ a: 1 }, shape(false, [['a', () => undefined, false]])))).toEqual(['a']);
  });

  it('object: an optional field set to undefined is not parsed', () => {
    let calls = 0;
    const parse = (v: unknown): unknown => (calls++, v === undefined ? FAIL : v);
    expect(object({ a: undefined }, shape(false, [['a', parse, true]]))).toStrictEqual({ a: undefined });
    expect(calls).toBe(0);
  });

  it.each([
    ['a plain object', { a: 1 }, { a: 1 }],
    ['a list', [1], FAIL],
    ['null', null, FAIL],
    ['a string', 'a', FAIL],
    ['an object without a prototype', Object.assign(Object.create(null), { a: 1 }), { a: 1 }],
    ['a class instance', new Box(), FAIL],
    ['an object whose constructor is not a function', { constructor: 1, a: 1 }, { constructor: 1, a: 1 }],
    ['a value failing', { a: 'x' }, FAIL],
    ['a key failing', { A: 1 }, FAIL],
    ['a __proto__ key', JSON.parse('{"__proto__":1,"a":1}'), { a: 1 }],
  ])('record: %s', (_, input, expected) => {
    const key = (k: unknown): unknown => (typeof k === 'string' && /^[a-z]+$/.test(k) ? k : FAIL);
    const value = (v: unknown): unknown => (typeof v === 'number' ? v : FAIL);
    expect(record(input, key, value)).toStrictEqual(expected);
  });

  it('record: an object whose constructor’s prototype is odd is not a record', () => {
    for (const prototype of [null, 1, [], {}]) {
      function Ctor(): void {}
      Ctor.prototype = prototype;
      const v = { a: 1, constructor: Ctor };
      expect(
        record(
          v,
          (k) => k,
          (x) => x,
        ),
      ).toBe(FAIL);
    }
  });

  it('record: a key that is a symbol or not enumerable is skipped or refused as zod does', () => {
    const hidden = Object.defineProperty({ a: 1 }, 'b', { value: 2, enumerable: false });
    expect(
      record(
        hidden,
        (k) => k,
        (x) => x,
      ),
    ).toStrictEqual({ a: 1 });
    expect(
      record(
        { a: 1, [Symbol('s')]: 2 },
        (k) => (typeof k === 'string' ? k : FAIL),
        (x) => x,
      ),
    ).toBe(FAIL);
    const seen: unknown[] = [];
    record(
      JSON.parse('{"__proto__":1,"a":2}'),
      (k) => (seen.push(k), k),
      (x) => x,
    );
    expect(seen).toEqual(['a']);
  });

  it('array: every element parsed, in order, and the first failure fails', () => {
    const seen: unknown[] = [];
    const out = array([1, 2, 3], (v) => (seen.push(v), v * 2));
    expect(out).toStrictEqual([2, 4, 6]);
    expect(seen).toEqual([1, 2, 3]);
    expect(array([], (v) => v)).toStrictEqual([]);
    expect(array([1, 'x', 3], num)).toBe(FAIL);
    expect(array([1, 2, 'x'], num)).toBe(FAIL);
    expect(array([1, 2], (v) => (v === undefined ? FAIL : v))).toStrictEqual([1, 2]);
    expect(Array.isArray(array([1], num))).toBe(true);
  });

  it.each([
    ['', 0],
    ['a', 1],
    ['ab', 2],
    ['\u{1F600}', 1],
    ['a\u{1F600}', 2],
    ['\u{1F600}a', 2],
    ['\u{1F600}\u{1F600}', 2],
    ['\ud800', 1],
    ['\udc00', 1],
    ['\ud800\ud800', 2],
    ['\udc00\ud800', 2],
    ['\ud800a', 2],
    ['a\udc00', 2],
    ['\ud7ff\udc00', 2],
    ['\ud800\udbff', 2],
    ['\udbff\udfff', 1],
    ['\ud800\udc00\udc00', 2],
    ['\ud800\ud800\udc00', 2],
    ['\ue000\udc00', 2],
    ['\ud800\ue000', 2],
  ])('codePoints(%j) is %i, as zod measures', (s, n) => {
    expect(codePoints(s)).toBe(n);
    expect([...s].length).toBe(n);
  });
});

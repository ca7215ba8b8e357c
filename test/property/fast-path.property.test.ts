// Two readers, one grammar: the fast path generated from the schema (src/config/fast-parse.generated.ts) and zod
// accept and refuse the same configs, return the same value (keys in the same order), and loadConfig through
// either gives the same app, model and results. Random valid configs, their random mutations, and values at the
// edges the schema draws (lengths in code points, int32 and safe-integer bounds, -0, NaN, undefined, sparse lists,
// objects without a prototype).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { fastParse } from '../../src/config/fast-parse.generated.js';
import { loadConfig } from '../../src/config/load.js';
import { TomodaApp } from '../../src/config/schema.js';
import { mutate, mutation, tomodaApp, type Config } from './arbitraries.js';
import { runs, seed } from './support.js';

/** loadConfig's fast path, switched off to make it ask zod. */
const fastPath = vi.hoisted(() => ({ on: true }));
vi.mock('../../src/config/fast-parse.generated.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/config/fast-parse.generated.js')>();
  return { fastParse: (input: unknown) => (fastPath.on ? real.fastParse(input) : undefined) };
});

const EMOJI = '\u{1F600}';
const edgeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, NaN, Infinity, -Infinity, -0, 0.5, -1, 65535, 65536, 2147483647, 2147483648, 2 ** 53, -(2 ** 53), 1e21),
  fc.constantFrom('', ' ', 'none', '50%', '101%', '1Gi', '10.0.0.0/8', '1.2.3.4', 'https://a.example', 'a_b', 'A', '-a'),
  fc.integer({ min: 60, max: 66 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 250, max: 256 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 30, max: 33 }).map((n) => `${EMOJI.repeat(n)}`),
  fc
    .constantFrom(
      () => Object.create(null),
      () => Object.assign(Object.create(null), { a: 'b' }),
      () => [, 'a'],
      () => [undefined],
      () => new Date(0),
    )
    .map((f) => f()),
);

/** A number or string leaf moved to an edge of what its field allows (or past it); any other leaf replaced. */
const edgeMutation = fc.record({ leaf: fc.constantFrom('number', 'string', 'any'), at: fc.nat(), edge: fc.nat(), value: edgeValue });

const numberEdges = (n: number): number[] => [
  n + 1,
  n - 1,
  -n,
  n + 0.5,
  0,
  -0,
  65535,
  65536,
  2147483647,
  2147483648,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53),
  NaN,
  Infinity,
];
const stringEdges = (s: string): string[] => [
  `${s}${EMOJI}`,
  `${s}a`,
  s.slice(1),
  s.slice(0, -1),
  ` ${s}`,
  `${s}\n`,
  s.toUpperCase(),
  `${s}/`,
  '',
  ...[62, 63, 64, 252, 253, 254].map((n) => 'a'.repeat(n)),
  EMOJI.repeat(32),
];

function atEdge(config: Config, { leaf: type, at, edge, value }: { leaf: string; at: number; edge: number; value: unknown }): Config {
  const leaves: Array<[Record<string, unknown>, string]> = [];
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) walk(child);
      else leaves.push([node as Record<string, unknown>, key]);
    }
  };
  walk(config);
  const typed = leaves.filter(([node, key]) => type === 'any' || typeof node[key] === type);
  const leaf = typed[at % Math.max(typed.length, 1)];
  if (!leaf) return config;
  const [node, key] = leaf;
  const old = node[key];
  const edges = typeof old === 'number' ? numberEdges(old) : typeof old === 'string' ? stringEdges(old) : [value];
  node[key] = edges[edge % edges.length];
  return config;
}

const valid = tomodaApp;
const mutated = fc.tuple(tomodaApp, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([config, mutations]) => mutate(config, mutations));
const edged = fc
  .tuple(tomodaApp, fc.array(edgeMutation, { minLength: 1, maxLength: 3 }))
  .map(([config, edges]) => edges.reduce(atEdge, structuredClone(config)));

/** The value with every object as its list of entries, so that an equality sees key order too. */
const ordered = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(ordered)
    : typeof value === 'object' && value !== null && !(value instanceof Map)
      ? Object.entries(value).map(([key, child]) => [key, ordered(child)])
      : value;

function samePaths(config: unknown): void {
  const fast = fastParse(config);
  const zod = TomodaApp.safeParse(config);
  // zod accepting what the fast path refused would be a bug loadConfig hides by asking zod; it is one here
  expect({ fastPathAccepts: fast !== undefined }).toEqual({ fastPathAccepts: zod.success });
  if (zod.success) {
    expect(fast).toStrictEqual(zod.data);
    expect(ordered(fast)).toStrictEqual(ordered(zod.data));
  }
  const throughFastPath = loadConfig(config);
  fastPath.on = false;
  try {
    const throughZod = loadConfig(config);
    expect(throughFastPath).toStrictEqual(throughZod);
    expect(ordered(throughFastPath)).toStrictEqual(ordered(throughZod));
  } finally {
    fastPath.on = true;
  }
}

describe('the fast path and zod', () => {
  it(
    'accept every random valid config alike, with the same app, model and results',
    () => {
      fc.assert(
        fc.property(valid, (config) => {
          expect(fastParse(config)).toBeDefined();
          samePaths(config);
        }),
        { numRuns: runs(50), ...seed },
      );
    },
    runs(60_000),
  );

  it(
    'agree on random mutations of valid configs',
    () => {
      fc.assert(fc.property(mutated, samePaths), { numRuns: runs(120), ...seed });
    },
    runs(60_000),
  );

  it(
    'agree on values at the edges the schema draws',
    () => {
      fc.assert(fc.property(edged, samePaths), { numRuns: runs(120), ...seed });
    },
    runs(60_000),
  );

  it('agree on what is not a map at all', () => {
    for (const config of [undefined, null, 0, 'TomodaApp', [], [{}], Object.create(null), new Date(0)]) samePaths(config);
  });
});

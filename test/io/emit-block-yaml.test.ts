// The small writer must write what the `yaml` library path writes, byte for byte, or decline (undefined); and
// every string it writes must read back as that string in YAML 1.1 (kyaml), YAML 1.2 core and go-yaml.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parseConfigFile } from '../../src/io/config-file.js';
import { emitBlockYaml } from '../../src/io/emit-block-yaml.js';
import { readsAsNonString } from '../../src/io/scalar-grammar.js';
import { stringifyWithYaml } from '../../src/io/write-resource-list.js';
import { renderAll } from '../../src/render/index.js';
import { runs } from '../property/support.js';

/** Either the same bytes as the `yaml` path, or a refusal; true when the small writer took it. */
function expectSameOrDeclined(value: unknown): boolean {
  const ours = emitBlockYaml(value);
  if (ours !== undefined) expect(ours).toBe(stringifyWithYaml(value));
  return ours !== undefined;
}

/** Runs a property and counts how often the small writer accepted: a writer that declines everything passes nothing. */
function acceptedShare<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => boolean, numRuns: number): number {
  let accepted = 0;
  fc.assert(
    fc.property(arbitrary, (value) => void (check(value) && accepted++)),
    { numRuns },
  );
  return accepted / numRuns;
}

/** Strings go-yaml (Go integer syntax, YAML 1.2 core words) or a YAML 1.1 reader takes for another type. */
const NON_STRINGS = [
  '0o17',
  '0O17',
  '0X1F',
  '0x1f',
  '0x_1F',
  '0b1',
  '0B101',
  '-0b11',
  '+0o7',
  '-0O7',
  '1_000',
  '1_',
  '1__0',
  '1_0.5',
  '08',
  '0777',
  '+12',
  '-1',
  '1e3',
  '1E3',
  '1.5e-3',
  '.5',
  '.5e3',
  '-.5',
  '1.',
  '.inf',
  '-.Inf',
  '+.INF',
  '.NaN',
  '.nan',
  'yes',
  'Yes',
  'YES',
  'no',
  'on',
  'On',
  'off',
  'OFF',
  'y',
  'Y',
  'n',
  'N',
  'true',
  'True',
  'FALSE',
  '~',
  'null',
  'Null',
  'NULL',
  '',
  '2024-01-02',
  '2024-1-2',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10',
  '12:30:45',
  '<<',
];
/** Near misses that every reader keeps as strings (quoting them would be harmless, but they are written plain). */
const STRINGS = [
  '0x',
  '0o',
  '0o8',
  '0b2',
  '_1',
  'x1',
  '1.2.3',
  '1-2',
  '1e',
  'e',
  'inf',
  'NaN',
  'nan',
  'yess',
  'onn',
  'o',
  'tru',
  '10m',
  '64Mi',
  '1.0.0-rc1',
  'v1',
  'IfNotPresent',
  'a_b',
];

// Strings near every quoting rule: YAML 1.1 booleans, numbers, dates, indicators, quotes, colons, hashes, Go numbers.
const tricky = fc.oneof(
  fc.constantFrom(
    ...NON_STRINGS,
    ...STRINGS,
    ' ',
    '=',
    '---',
    '...',
    '--- a',
    '%x',
    '@a',
    '`a',
    '!a',
    '&a',
    '*a',
    '190:20:30',
    '1:2.5',
    '|',
    '>',
    '-',
    '?',
    '- a',
    '? a',
    'a: b',
    'a:b',
    'a:',
    'a #b',
    'a#b',
    '#a',
    "it's",
    'say "hi"',
    `"'"`,
    'a\\b',
    '{a}',
    '[a]',
    'a,b',
    'http://x.y:80/z',
    '50%',
    '500m',
    '1Gi',
    'a b',
    'a\tb',
    'é',
    'a\nb',
    'a\n',
    '\u0007',
    'x'.repeat(1100),
  ),
  fc.string({ unit: fc.constantFrom(...'aAbBcEefFiIlLnNoOrRsStTuUxXyYZ0179.-+:_ #\'"<~%=?!&*|>@`,[]{}\t\n'), maxLength: 12 }),
  fc.string({ maxLength: 8 }),
);
const scalar = fc.oneof(tricky, fc.integer(), fc.boolean(), fc.constant(null), fc.double(), fc.constant(undefined));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), tie('seq')),
  map: fc.dictionary(tricky, tie('node'), { maxKeys: 4 }),
  seq: fc.array(tie('node'), { maxLength: 3 }),
}));

describe('emitBlockYaml', () => {
  it('writes what the yaml path writes for every object it accepts, and accepts most', () => {
    expect(acceptedShare(value.map, expectSameOrDeclined, runs(3000))).toBeGreaterThan(0.3);
  });

  it('writes every tricky one-line string as the yaml path does, as a key and as a value', () => {
    expect(acceptedShare(tricky, (s) => expectSameOrDeclined({ [s]: s, list: [s, { [s]: [s] }] }), runs(2000))).toBeGreaterThan(0.5);
  });

  it('accepts and matches what the function generates for the seed app', () => {
    const config = parseConfigFile(readFileSync(new URL('../../fn-config/tomoda-app.yaml', import.meta.url), 'utf8'), 'fn-config');
    const { model } = loadConfig(config);
    expect(model).toBeDefined();
    for (const object of renderAll(model!, { hashSuffix: true })) expect(expectSameOrDeclined(object)).toBe(true);
  });

  it('declines what it does not handle', () => {
    expect(emitBlockYaml({ a: 'two\nlines' })).toBeUndefined();
    expect(emitBlockYaml({ a: 1.5 })).toBeUndefined();
    expect(emitBlockYaml({ a: new Date(0) })).toBeUndefined();
    expect(emitBlockYaml({ a: [[1]] })).toBeUndefined();
    expect(emitBlockYaml('text')).toBeUndefined();
  });
});

describe('quoting for the readers downstream', () => {
  it('knows which strings go-yaml or a YAML 1.1 reader types as something else', () => {
    expect(NON_STRINGS.filter((s) => !readsAsNonString(s))).toEqual([]);
    expect(STRINGS.filter((s) => readsAsNonString(s))).toEqual([]);
  });

  it('quotes them on both writers, and YAML 1.1 and 1.2 readers get the strings back', () => {
    for (const s of [...NON_STRINGS, ...STRINGS].filter((s) => s !== '<<')) {
      const object = { [s]: s, list: [s] };
      const fast = emitBlockYaml(object);
      expect(fast, s).toBeDefined();
      expect(fast).toBe(stringifyWithYaml(object));
      const quoted = NON_STRINGS.includes(s);
      expect(fast!.includes(`- ${JSON.stringify(s)}`), `${s}: ${fast}`).toBe(quoted);
      for (const version of ['1.1', '1.2'] as const) expect(parse(fast!, { version })).toEqual(object);
    }
  });

  it('writes "<<" as !!str "<<", key or value, so no reader takes it for a merge key', () => {
    const object = { '<<': '<<', list: ['<<'] };
    expect(emitBlockYaml(object)).toBeUndefined();
    expect(stringifyWithYaml(object)).toBe('!!str "<<": !!str "<<"\nlist:\n- !!str "<<"');
    expect(parse(stringifyWithYaml(object), { version: '1.1' })).toEqual(object);
  });
});

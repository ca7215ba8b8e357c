// The small writer must write what `yaml` writes, byte for byte, or decline (undefined).
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emitBlockYaml } from '../../src/io/emit-block-yaml.js';
import { renderAll } from '../../src/render/index.js';
import { loadConfig } from '../../src/config/load.js';
import { parseConfigFile } from '../../src/io/config-file.js';
import { readFileSync } from 'node:fs';

const viaYaml = (value: unknown): string => stringify(value, { version: '1.1', aliasDuplicateObjects: false, lineWidth: 0, indentSeq: false }).replace(/\s+$/, '');

/** Either the same bytes as `yaml`, or a refusal. */
function expectSameOrDeclined(value: unknown): boolean {
  const ours = emitBlockYaml(value);
  if (ours !== undefined) expect(ours).toBe(viaYaml(value));
  return ours !== undefined;
}

// Strings near every quoting rule: YAML 1.1 booleans, numbers, dates, indicators, quotes, colons, hashes.
const tricky = fc.oneof(
  fc.constantFrom('', ' ', 'y', 'Y', 'n', 'N', 'yes', 'No', 'on', 'OFF', 'true', 'False', 'null', '~', 'Null', 'NULL', '<<', '=',
    '0', '00', '0644', '08', '1_000', '0b101', '0x1F', '+1', '-1', '1.', '.5', '1e3', '1.5e-3', '.inf', '-.Inf', '.NaN', '190:20:30', '1:2.5',
    '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '---', '...', '--- a', '%x', '@a', '`a', '!a', '&a', '*a',
    '|', '>', '-', '?', '- a', '? a', 'a: b', 'a:b', 'a:', 'a #b', 'a#b', '#a', "it's", 'say "hi"', `"'"`, 'a\\b', '{a}', '[a]', 'a,b',
    'http://x.y:80/z', '50%', '500m', '1Gi', 'IfNotPresent', 'a b', 'a\tb', 'é', 'a\nb', 'a\n', '\u0007', 'x'.repeat(1100)),
  fc.string({ unit: fc.constantFrom(...'aAbcEefFiIlLnNoOrRsStTuUxXyYZ0179.-+:_ #\'"<~%=?!&*|>@`,[]{}\t\n'), maxLength: 12 }),
  fc.string({ maxLength: 8 }),
);
const scalar = fc.oneof(tricky, fc.integer(), fc.boolean(), fc.constant(null), fc.double(), fc.constant(undefined));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), tie('seq')),
  map: fc.dictionary(tricky, tie('node'), { maxKeys: 4 }),
  seq: fc.array(tie('node'), { maxLength: 3 }),
}));

describe('emitBlockYaml', () => {
  it('writes what yaml writes for every object it accepts', () => {
    fc.assert(fc.property(value.map, (map) => void expectSameOrDeclined(map)), { numRuns: 3000 });
  });

  it('writes every tricky one-line string as yaml does, as a key and as a value', () => {
    fc.assert(fc.property(tricky, (s) => void expectSameOrDeclined({ [s]: s, list: [s, { [s]: [s] }] })), { numRuns: 2000 });
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

// The small block-YAML writer (src/io/emit-block-yaml.ts) against the `yaml` library's path (stringifyWithYaml):
// for every value here it must write the same bytes, or decline where `yaml` writes something it does not
// (explicit keys, -0). Written for the mutants of that module the existing comparisons could not tell apart.
import { describe, expect, it } from 'vitest';
import { emitBlockYaml } from '../../src/io/emit-block-yaml.js';
import { stringifyWithYaml } from '../../src/io/write-resource-list.js';

describe('emitBlockYaml writes what yaml writes', () => {
  it.each([
    ['a key whose value is undefined is left out', { a: 1, b: undefined, c: 2 }],
    ['a key of 1000 characters, the longest written implicit', { ['k'.repeat(1000)]: 1 }],
    ['an empty sequence inside a sequence', { a: [[], 1] }],
    ['zero', { a: 0 }],
    ['null', { a: null, b: [null] }],
    ['a string holding --- and ... past its start', { a: 'x---y', b: 'x...' }],
  ])('%s', (_name, value) => {
    const written = emitBlockYaml(value);
    expect(written).toBeDefined();
    expect(written).toBe(stringifyWithYaml(value));
  });

  it.each([
    ['a key of 1001 characters (yaml writes it as an explicit `? key`)', { ['k'.repeat(1001)]: 1 }],
    ['minus zero (yaml writes -0)', { a: -0 }],
    ['a non-empty sequence inside a sequence', { a: [[1]] }],
    ['a string starting with a document marker', { a: '--- x' }],
  ])('declines %s', (_name, value) => {
    expect(emitBlockYaml(value)).toBeUndefined();
  });

  it('lets an error other than its own "unsupported" through instead of declining', () => {
    const value = {
      get a(): never {
        throw new TypeError('getter failed');
      },
    };
    expect(() => emitBlockYaml(value)).toThrow('getter failed');
  });
});

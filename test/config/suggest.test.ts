// nearest(): the "did you mean" of unknown keys, enum values and references.
import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../../src/config/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions, ignoring case', () => {
    expect(editDistance('replica', 'replicas')).toBe(1);
    expect(editDistance('replicas', 'replica')).toBe(1);
    expect(editDistance('pullPolcy', 'pullPolicy')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('IfNotPresent', 'ifnotpresent')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('ab', 'ba')).toBe(2);
  });
});

describe('nearest', () => {
  it('returns the closest candidate within max(2, a third of the word)', () => {
    expect(nearest('frontnd', ['api', 'frontend', 'worker'])).toBe('frontend');
    expect(nearest('xy', ['abcd'])).toBeUndefined(); // 4 edits
    expect(nearest('ab', ['xy'])).toBe('xy'); // 2 edits, allowed for short words
    expect(nearest('abcdefghi', ['abcdefxyz'])).toBe('abcdefxyz'); // 3 edits, a third of 9
    expect(nearest('abcdefghi', ['abcdewxyz'])).toBeUndefined(); // 4 edits
  });

  it('prefers the smaller distance, then the alphabetically first candidate', () => {
    expect(nearest('cat', ['cut', 'cart', 'at'])).toBe('at');
    expect(nearest('cat', ['cot', 'cut', 'bat'])).toBe('bat');
    expect(nearest('cat', ['cut', 'bat', 'cot'])).toBe('bat');
  });

  it('accepts a prefix either way, however far', () => {
    expect(nearest('env', ['environment'])).toBe('environment');
    expect(nearest('terminationGracePeriodSecondsAndMore', ['terminationGracePeriodSeconds'])).toBe('terminationGracePeriodSeconds');
    expect(nearest('ENV', ['environment'])).toBe('environment');
  });

  it('returns nothing without candidates', () => {
    expect(nearest('anything', [])).toBeUndefined();
  });
});

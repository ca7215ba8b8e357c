// The functionConfig's block reader on its own contract, rule by rule: it reads the block style the runners write
// itself, to the value `yaml` reads (the full parser is the fallback, not the path), and it declines every text
// `yaml` refuses or reads otherwise (else a broken or misread config passes unnoticed). Each rule of Reader and
// flow() has an input on each side of it. Written for the mutants of read-block-yaml.ts that survived because the
// fallback gives the same value (docs/verification.md, "Mutation testing"): the pipeline hides a reader that
// declines too much, so these call readBlockYaml directly, with the function's own fallback as the oracle.
import { describe, expect, it } from 'vitest';
import { readBlockYaml } from '../../src/io/read-block-yaml.js';
import { documentValue, parseYaml } from '../../src/io/yaml-document.js';

const lines = (...text: string[]): string => text.join('\n');
/** What the function reads from a functionConfig the block reader declines: `yaml`'s value, or its refusal. */
const fallback = (text: string): unknown => documentValue(parseYaml(text, 'functionConfig'), 'functionConfig', text);

/** Texts in the block style people and runners write: the reader must read each itself, to the value `yaml` reads. */
const READS: Array<[string, string]> = [
  ['a value holding a percent sign', 'maxUnavailable: 50%'],
  ['values holding three dashes and three dots', lines('a: x---y', 'b: wait...')],
  ['a sequence at the top', lines('- a', '- b')],
  ["a sequence at its key's column", lines('list:', '- a', '- b', 'next: 1')],
  ['bare dashes whose maps start below them', lines('-', '  a: 1', '-', '  b: 2')],
  ['a bare dash after an entry', lines('- a', '-', '  b: 1')],
  ['an empty entry, then an entry at its column', lines('-', '- a')],
  ['an empty entry under a key, then an entry at its column', lines('list:', '-', '- a')],
  ['a value ending in a dash, then trailing spaces', lines('a: x- ', 'b: 1')],
  ["a value ending in a dash, then trailing spaces, in an entry's map", lines('- a: 1', '  b: x- ', '- c')],
  ['a comment after a key that opens a map', lines('a: # c', '  b: 1')],
  ['a value ending in #', lines('a: x#', 'b: 1')],
  ['a literal block scalar of two lines', lines('a: |', '  x', '  y', 'b: 1')],
  ['a literal block scalar with an empty line inside', lines('a: |', '  x', '', '  y', 'b: 1')],
  ['a literal block scalar, an empty line, then the next key', lines('a: |-', '  x', '', 'b: 1')],
  ['a literal block scalar with deeper lines', lines('a: |', '  x', '    deeper', '  y')],
  ['a flow sequence', 'a: [x, "y", 1]'],
  ['a flow map', "a: {b: 1, c: 'd'}"],
  ['a flow map with two spaces after a colon', 'a: {b:  1}'],
];

/** Texts `yaml` refuses: the reader must not return a value for them. */
const REFUSED: Array<[string, string]> = [
  ['an unclosed flow map', 'a: {b: 12'],
  ['a closing bracket inside a flow sequence', 'a: [a, x]y]'],
  ['an opening bracket inside a flow sequence', 'a: [x[y]'],
  ['a document marker after the map', lines('a: 1', '---', 'b: 2')],
  ['a sequence entry after a key with a value', lines('a: 1', '- b')],
  ['a line deeper than a closed value', lines('a: 1', '  b: 2')],
  ['a line between the columns of a map and its parent', lines('a:', '  b: 1', ' c: 2')],
  ["a line left of an entry's map", lines('- a: 1', ' b: 2')],
  ['a sequence left of the key it would belong to', lines('a:', '  b:', '- x')],
];

/** Texts `yaml` reads to a value the reader would not read from them: it must decline, the fallback is needed. */
const READ_OTHERWISE: Array<[string, string, unknown]> = [
  ['a literal block scalar with CRLF line ends (yaml reads \\n)', 'a: |\n  x\r\n  y\r\n', { a: 'x\ny\n' }],
  ['a document start marker', lines('---', 'a: 1'), { a: 1 }],
  ['a directive', lines('%YAML 1.2', '---', 'a: 1'), { a: 1 }],
  ['a key holding a quote in a flow map', "a: {x'y: 1}", { a: { "x'y": 1 } }],
  ['a line separator in a flow map value', '- {b: c\u2028d}', [{ b: 'c\u2028d' }]],
  ['a key __proto__ in a flow map', 'a: {__proto__: 1}', { a: Object.defineProperty({}, '__proto__', { value: 1, enumerable: true }) }],
  ['a literal whose first line is spaces, fewer than its text', lines('a: |', ' ', '  x'), { a: '\nx\n' }],
  ['a literal with a line of spaces deeper than its text', lines('a: |', '  x', '   ', '  y'), { a: 'x\n \ny\n' }],
];

describe('the functionConfig block reader', () => {
  it.each(READS)('reads %s itself, as yaml reads it', (_, text) => {
    const fast = readBlockYaml(text);
    expect(fast).toBeDefined();
    expect(fast).toStrictEqual(fallback(text));
  });

  it('reads the values exactly', () => {
    const read = (what: string): unknown => readBlockYaml(READS.find(([w]) => w === what)![1]);
    expect(read('an empty entry, then an entry at its column')).toStrictEqual([null, 'a']);
    expect(read('bare dashes whose maps start below them')).toStrictEqual([{ a: 1 }, { b: 2 }]);
    expect(read('a literal block scalar with an empty line inside')).toStrictEqual({ a: 'x\n\ny\n', b: 1 });
    expect(read('a value ending in #')).toStrictEqual({ a: 'x#', b: 1 });
  });

  it.each(REFUSED)('declines %s, which yaml refuses', (_, text) => {
    expect(readBlockYaml(text)).toBeUndefined();
    expect(() => fallback(text)).toThrow();
  });

  it.each(READ_OTHERWISE)('declines %s, which yaml reads to another value', (_, text, value) => {
    expect(readBlockYaml(text)).toBeUndefined();
    expect(fallback(text)).toStrictEqual(value);
  });

  it('reads text indented up to 200 columns itself and leaves deeper text to yaml, whose depth limit then holds on both paths', () => {
    const nested = (deepest: number): string => lines(...Array.from({ length: deepest }, (_, i) => `${' '.repeat(i)}a:`), `${' '.repeat(deepest)}b: 1`);
    expect(readBlockYaml(nested(200))).toStrictEqual(fallback(nested(200)));
    expect(readBlockYaml(nested(201))).toBeUndefined();
    expect(fallback(nested(201))).toBeDefined();
  });

  it('lets a stack overflow through, for the caller to word, rather than taking it for a decline', () => {
    // The reader recurses once per level; parseResourceList turns a RangeError into its sentence. Read from every
    // depth of the stack, from its end upward until a read succeeds: each read either succeeds or overflows.
    const text = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(fromStackEnd(() => readBlockYaml(text))).toEqual(new Set(['overflow', 'read']));
  });
});

/** What `read` did when called at each depth of the stack, from its end upward until it succeeds (any stack size). */
function fromStackEnd(read: () => unknown): Set<string> {
  const seen = new Set<string>();
  const descend = (): void => {
    try {
      descend();
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
    if (seen.has('read')) return;
    try {
      seen.add(read() === undefined ? 'declined' : 'read');
    } catch (e) {
      seen.add(e instanceof RangeError ? 'overflow' : String(e));
    }
  };
  descend();
  return seen;
}

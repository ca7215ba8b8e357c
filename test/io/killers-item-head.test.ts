// The item-head reader on its own contract, rule by rule: it reads the block style the runners write itself (the
// full parser is the fallback, not the path, for speed), and it never returns a head for a text `yaml` refuses or
// reads otherwise (else a broken item passes through unnoticed). Each rule of Nesting and HeadReader has an input on
// each side of it. Written for the mutants of item-head.ts that survived because the fallback gives the same list
// (docs/verification.md, "Mutation testing"): the pipeline hides a reader that declines too much, so these call
// readItemHead directly, with parseItemHead as the oracle.
import { describe, expect, it } from 'vitest';
import { headOf, parseItemHead, readItemHead } from '../../src/io/item-head.js';
import { MAX_SCALAR_LENGTH } from '../../src/io/limits.js';
import { isTrackedKey } from '../../src/io/list-shape.js';

const lines = (...text: string[]): string => text.join('\n');
const ITEM = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: a', '  namespace: ns');
const HEAD = { apiVersion: 'v1', kind: 'ConfigMap', name: 'a', namespace: 'ns', annotations: {}, labels: {} };
/** The item with `body` after its metadata. */
const withBody = (...body: string[]): string => lines(ITEM, ...body);

/** Texts in the block style the runners write: the reader must read each itself, to the head `yaml` reads. */
const READS: Array<[string, string]> = [
  ['a blank line before the first key', `\n${ITEM}`],
  [
    'a block scalar: lines at its indentation, deeper lines, a blank line, then the next key',
    withBody('data:', '  s: |', '    a', '      deeper', '', '    b', '  t: 1'),
  ],
  ['a block scalar at column 0, then the next key', lines('script: |', '  echo a', '', '  echo b', ITEM)],
  ['a block scalar under a bare dash entry', withBody('list:', '- |', '  a', '    deeper')],
  ['a block scalar under a dash entry with a key', withBody('list:', '- a: >-', '    text', '- b')],
  ["a sequence at its key's column", withBody('list:', '- a', '- b')],
  ['a bare dash whose map starts below it', withBody('list:', '-', '  a: 1', '-', '  b: 2')],
  ['an entry holding a map of two keys', withBody('list:', '- a: 1', '  b: 2')],
  ['a key made of a dash and a word', withBody('data:', '  a: 1', '  -x: 2')],
  ['a key with a space in it', withBody('data:', '  a: 1', '  x y: 2')],
  ['a comment after a key that opens a map', withBody('data: # c', '  a: 1')],
  ['an anchor alone after a key', withBody('data:', '  m: &m', '    a: 1')],
  ['a tag alone after a key', withBody('data:', '  t: !!map', '    a: 1')],
  ['a flow sequence continued below', withBody('data:', '  f: [a,', '    b]')],
  ['a flow map continued below', withBody('data:', '  g: {a: 1,', '    b: 2}')],
  ['a double-quoted scalar continued below', withBody('data:', '  h: "a', '    b"')],
  ['a single-quoted scalar continued below', withBody('data:', "  s: 'a", "    b'")],
  ['an escaped quote in a double-quoted scalar continued below', withBody('data:', '  h: "a\\"b', '    c"')],
  ['a doubled quote in a single-quoted scalar continued below', withBody('data:', "  s: 'it''s", "    more'")],
  ['a comment after a space inside an open flow sequence', withBody('data:', '  f: [a, #]', '    b]')],
  ['a comment after a tab inside an open flow sequence', withBody('data:', '  f: [a,\t#]', '    b]')],
  ['metadata keys the reader does not track', lines('kind: A', 'metadata:', '  generation: 1', '  uid: x', '  name: a')],
  ['a null namespace', lines('kind: A', 'metadata:', '  name: a', '  namespace:')],
  ['a null name written ~', lines('kind: A', 'metadata:', '  name: ~')],
  ['an untracked annotation', lines('kind: A', 'metadata:', '  annotations:', '    example.com/note: x', '  name: a')],
  [
    'an untracked annotation holding a one-line block scalar',
    lines('kind: A', 'metadata:', '  annotations:', '    example.com/note: |', '      text', '  name: a'),
  ],
  [
    'tracked annotations and labels',
    lines('kind: A', 'metadata:', '  annotations:', "    config.kubernetes.io/index: '0'", '  labels:', '    app.kubernetes.io/name: web'),
  ],
  ['quoted keys', lines('"kind": A', "'metadata':", '  "name": a', '  labels:', '    "app.kubernetes.io/name": web', "    'example.com/x': y")],
  [
    'comments between keys and after values, at any column',
    lines(
      '# top',
      'kind: A # k',
      'metadata:',
      '# in metadata',
      '  name: a # n',
      '      # deeper',
      '  annotations:',
      '    # in annotations',
      '    config.kubernetes.io/path: a.yaml # p',
    ),
  ],
  ['a name key at column 0 below an empty metadata (a top-level key, not the name)', lines('kind: A', 'metadata:', 'name: a')],
  ['a value larger than the composer limit (the reader does not compose it)', withBody(`data: "${'x'.repeat(MAX_SCALAR_LENGTH + 1)}"`)],
];

/** Texts `yaml` refuses: the reader must not return a head for them. */
const REFUSED: Array<[string, string]> = [
  ['a duplicate top-level key', lines('kind: A', 'kind: B')],
  ['a duplicate metadata key', lines('kind: A', 'metadata:', '  name: a', '  name: b')],
  ['a duplicate annotation', lines('kind: A', 'metadata:', '  annotations:', '    example.com/x: a', '    example.com/x: b')],
  ['a duplicate tracked label, once quoted', lines('kind: A', 'metadata:', '  labels:', '    app.kubernetes.io/name: a', '    "app.kubernetes.io/name": b')],
  ['a NUL at the start of a line', lines('kind: A', '\u0000')],
  ['a NUL left of a block scalar line', lines('kind: A', 's: |', '  a', ' \u0000')],
  ["a line left of a block scalar's first line, right of its key", lines('s: |', '    a', '  b', 'kind: A')],
  ['a line deeper than a comment that ends a block scalar', lines('s: |', '  a', '# c', '  b', 'kind: A')],
  ['a line deeper than a closed plain value', withBody('data:', '  a: 1', '    b: 2')],
  ['a line deeper than a plain value with an open bracket', withBody('data:', '  a: x[', '    b: 1')],
  ['a line deeper than a closed single-quoted value', withBody('data:', "  s: 'ab'", '    x: 1')],
  ['a line deeper than an empty single-quoted value', withBody('data:', "  s: ''", '    x: 1')],
  ['a line deeper than a closed double-quoted value', withBody('data:', '  s: "abc"', '    x: 1')],
  ['a line deeper than a single-quoted value ending in a backslash', withBody('data:', "  s: 'a\\'", "    b'")],
  ['a line deeper than two quoted scalars', withBody('data:', '  h: "a"\'b\'', '    x: 1')],
  ['a line deeper than a flow sequence holding a #', withBody('data:', '  f: [a#]', '    x: 1')],
  ['a line deeper than a key of a closed entry map', withBody('list:', '- a: 1', '  b: 2', '    c: 3')],
  ['a key after a sequence entry at its column', withBody('data:', '  - a', '  b: 1')],
  ['a key after a bare dash at its column', withBody('data:', '  -', '  b: 1')],
  ['a key at the column of an entry whose last line opens', withBody('x:', '  - a: 1', '    c:', '  b: 1')],
  ['a sequence entry after a closed key', withBody('data:', '  a: 1', '  - b')],
  ['a sequence entry after a deeper key', withBody('data:', '  a:', '    b:', '  - x')],
  ['a plain word at column 0 after an open key', lines('kind: A', 'x:', 'y z')],
  ['a dashed word at column 0 after an open key', lines('kind: A', 'data:', '-x')],
  ['a flow sequence continued at column 0 with an entry', lines('kind: A', 'data: [a,', '- b]')],
  ['an untracked annotation whose value holds ": "', lines('kind: A', 'metadata:', '  annotations:', '    note: a: b')],
];

/** Texts `yaml` reads to a head the reader would not read from them: it must decline, the fallback is needed. */
const READ_OTHERWISE: Array<[string, string, object | undefined]> = [
  ['an indented first line', '  kind: A', { kind: 'A', annotations: {}, labels: {} }],
  ['metadata in flow style', lines('kind: A', 'metadata: {name: a}'), { kind: 'A', name: 'a', annotations: {}, labels: {} }],
  ['a kind on the line below its key', lines('kind:', '  A'), { kind: 'A', annotations: {}, labels: {} }],
  ['a name on the line below its key', lines('kind: A', 'metadata:', '  name:', '    a'), { kind: 'A', name: 'a', annotations: {}, labels: {} }],
  [
    'labels in flow style',
    lines('kind: A', 'metadata:', '  labels: {app.kubernetes.io/name: x}'),
    { kind: 'A', annotations: {}, labels: { 'app.kubernetes.io/name': 'x' } },
  ],
  [
    'a tracked annotation holding a block scalar',
    lines('kind: A', 'metadata:', '  annotations:', '    config.kubernetes.io/path: |', '      a.yaml'),
    { kind: 'A', annotations: { 'config.kubernetes.io/path': 'a.yaml\n' }, labels: {} },
  ],
  ['a sequence, not a map', lines('- a', '- b'), undefined],
];

describe('the item-head reader', () => {
  it.each(READS)('reads %s itself, as yaml reads it', (_, text) => {
    const fast = readItemHead(text, isTrackedKey);
    expect(fast).toBeDefined();
    // The oversized value is read without composing it; the oracle refuses to compose it, so compare with it cut.
    const oracleText = text.length > MAX_SCALAR_LENGTH ? text.replace(/"x+"/, '"x"') : text;
    expect(fast).toEqual(parseItemHead(oracleText, isTrackedKey));
  });

  it('reads the heads exactly', () => {
    expect(readItemHead(READS[0]![1], isTrackedKey)).toEqual(HEAD);
    expect(readItemHead(READS.find(([what]) => what.startsWith('tracked'))![1], isTrackedKey)).toEqual({
      kind: 'A',
      annotations: { 'config.kubernetes.io/index': '0' },
      labels: { 'app.kubernetes.io/name': 'web' },
    });
    expect(readItemHead(READS.find(([what]) => what === 'a null namespace')![1], isTrackedKey)).toEqual({ kind: 'A', name: 'a', annotations: {}, labels: {} });
  });

  it.each(REFUSED)('declines %s, which yaml refuses', (_, text) => {
    expect(readItemHead(text, isTrackedKey)).toBeUndefined();
    expect(() => parseItemHead(text, isTrackedKey)).toThrow();
  });

  it.each(READ_OTHERWISE)('declines %s, which yaml reads to another head', (_, text, head) => {
    expect(readItemHead(text, isTrackedKey)).toBeUndefined();
    expect(parseItemHead(text, isTrackedKey)).toEqual(head);
  });
});

/**
 * A block scalar's lines sit at a column yaml takes from its header's indentation indicator, or else from its first
 * line that is not empty (a `#` line included: inside a block scalar it is text); empty lines above that one must not
 * be more indented. The reader works out only the plain case and leaves the others to yaml.
 */
describe("a block scalar's column", () => {
  it.each([
    ['an empty line before the first line', withBody('data:', '  s: |', '', '    a', '  t: 1')],
    ['an empty line as indented as the first line, before it', withBody('data:', '  s: |', '    ', '    a', '  t: 1')],
    ['a # line at the column of the lines below it', withBody('data:', '  s: |', '    a', '    # text, not a comment', '  t: 1')],
  ])('is read from %s', (_, text) => {
    expect(readItemHead(text, isTrackedKey)).toEqual(parseItemHead(text, isTrackedKey));
    expect(readItemHead(text, isTrackedKey)).toEqual(HEAD);
  });

  it.each([
    [
      'an indentation indicator that puts the line below right of the column',
      lines('kind: A', 'metadata:', '  annotations:', '    note: |2', '     x', '  name: a'),
    ],
    ['a folded scalar whose indentation indicator puts the line below right of the column', withBody('data:', '  s: >2', '   x')],
    ['an indicator after a chomping indicator, under a sequence entry', withBody('list:', '- k: |-3', '   x')],
    ['an empty line more indented than the first line', withBody('data:', '  s: |', '     ', '    a')],
    ['a # line more indented than the line below it', lines('s: |', '    # x', '  a', 'kind: A')],
    ['a # line at column 0 between the header and the lines', lines('s: |', '# x', '  a', 'kind: A')],
    ['a header with two chomping indicators', withBody('data:', '  s: |--', '    a')],
    ['a header with a chomping indicator on both sides of the indentation one', withBody('data:', '  s: >+2-', '    a')],
    ['a header with two indentation indicators', withBody('data:', '  s: |22', '    a')],
  ])('is left to yaml, which refuses %s', (_, text) => {
    expect(readItemHead(text, isTrackedKey)).toBeUndefined();
    expect(() => parseItemHead(text, isTrackedKey)).toThrow();
  });
});

describe('the full-parser head', () => {
  it('refuses a value too large to compose before composing it', () => {
    expect(() => parseItemHead(withBody(`data: "${'x'.repeat(MAX_SCALAR_LENGTH + 1)}"`), isTrackedKey)).toThrowError('a value too large to compose');
  });

  it.each([
    ['kind: A\nmetadata:\n  name: 1', 'an item: metadata.name is the number 1, not a string; Kubernetes refuses it: write it in quotes ("1")'],
    ['kind: A\nmetadata:\n  name: [a]', 'an item: metadata.name is a list, not a string'],
    ['kind: A\nmetadata:\n  namespace: {a: 1}', 'an item: metadata.namespace is a map, not a string'],
  ])('words a non-string identity: %j', (text, message) => {
    expect(() => parseItemHead(text, isTrackedKey)).toThrowError(message);
  });

  it('names where the value came from', () => {
    expect(() => headOf({ kind: true }, isTrackedKey, 'items[2]')).toThrowError('items[2]: kind is the boolean true, not a string');
  });
});

// The line scanner (scan-block-list.ts) on its own contract, rule by rule: what it reads it reads as `yaml` reads
// the same text (each item's text parses to the item `yaml` reads from the whole list, and the text is the item at
// column 0, exactly), and what it does not fully understand it declines, so that the full parser reads it or words
// the refusal. Each rule has an input on each side of it. Written for the mutants of scan-block-list.ts that
// survived because the fallback gives the same list (docs/verification.md, "Mutation testing"): the full parser
// shares the scanner's splitting (splitSections, splitItems, entryTexts), so the oracle here is `yaml` itself and
// texts written out by hand, and the splitting functions are also called directly.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MAX_SCALAR_LENGTH } from '../../src/io/limits.js';
import { InputError, parseResourceList } from '../../src/io/resource-list.js';
import { parseDocumentList } from '../../src/io/parse-document-list.js';
import { entryTexts, scanBlockList, sectionLines, splitItems, splitSections } from '../../src/io/scan-block-list.js';

const HEAD = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n';
const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** Lists the scanner must read itself, with each item's text at column 0 as it must keep it. */
const READS: Array<[string, string, string[]]> = [
  [
    "stars that start no alias in keys it does not read (results, another key's value)",
    lines(HEAD + 'items: []', 'results:', '- message: a*b a *b a,b*c', '  tags: ["*/5 * * * *", x]', 'other: a*b'),
    [],
  ],
  ['a blank first line', lines('', HEAD + 'items:', '- kind: A'), ['kind: A']],
  ['a comment above the document marker', lines('# generated', '---', HEAD + 'items:', '- kind: A'), ['kind: A']],
  ['a first key of three characters with a map below it', lines('ab:', '  c: 1', HEAD + 'items:', '- kind: A'), ['kind: A']],
  [
    'items before apiVersion and kind, three of them',
    lines('items:', '- kind: A', '  data:', '    a: 1', '- kind: B', '- kind: C', '  data: c', HEAD.trimEnd()),
    ['kind: A\ndata:\n  a: 1', 'kind: B', 'kind: C\ndata: c'],
  ],
  [
    'three indented items, the dedented way',
    lines(HEAD + 'items:', '  - kind: A', '    data:', '      a: 1', '  - kind: B', '    data: b', '  - kind: C', '    data:', '      c: 3'),
    ['kind: A\ndata:\n  a: 1', 'kind: B\ndata: b', 'kind: C\ndata:\n  c: 3'],
  ],
  [
    'three items whose maps start below a bare dash, line by line',
    lines(HEAD + 'items:', '-', '  kind: A', '  data: a', '-', '  kind: B', '-', '  kind: C', '  data:', '    c: 3'),
    ['kind: A\ndata: a', 'kind: B', 'kind: C\ndata:\n  c: 3'],
  ],
  [
    'an item indented past one space after its dash, after a line ending in a word after a space',
    lines(HEAD + 'items:', '- kind: A', '  data: a b', '-   kind: B', '    data: x'),
    ['kind: A\ndata: a b', 'kind: B\ndata: x'],
  ],
  ['an item indented past one space after its dash, first', lines(HEAD + 'items:', '-   kind: B', '    data: x'), ['kind: B\ndata: x']],
  ['a dash with a trailing space, its map below', lines(HEAD + 'items:', '- ', '  kind: A', '  data: a'), ['kind: A\ndata: a']],
  ['a tab before a comment on the dash line', lines(HEAD + 'items:', '- \t# c', '  kind: A'), ['# c\nkind: A']],
  ['a tab at the end of the dash line, the map below', lines(HEAD + 'items:', '- \t', '  kind: A'), ['kind: A']],
  ['a comment after spaces and a tab between indented items', lines(HEAD + 'items:', '  - kind: A', '  \t# c', '  - kind: B'), ['kind: A\n\t# c', 'kind: B']],
  [
    "kpt's comment on the dash line, a comment at the item's column, then a map deeper",
    lines(HEAD + 'items:', '- # c', '  # more', '    kind: A', '    data: x'),
    ['# c\n# more\nkind: A\ndata: x'],
  ],
  [
    "kpt's comment on the dash line, a line of spaces, then a map deeper",
    lines(HEAD + 'items:', '- # c', '  ', '    kind: A', '    data: x'),
    ['# c\n\nkind: A\ndata: x'],
  ],
  [
    "kpt's comment on the dash line, a column-0 comment with spaces in it, then a map one column deeper",
    lines(HEAD + 'items:', '- # c', '#  x', '   kind: A'),
    ['# c\n#  x\nkind: A'],
  ],
  [
    "kpt's comment on the dash line, then the map at the item's column",
    lines(HEAD + 'items:', '- # c', '  kind: A', '- # d', '', '  kind: B'),
    ['# c\nkind: A', '# d\n\nkind: B'],
  ],
  ['a functionConfig on its key line', lines(HEAD + 'items: []', 'functionConfig: {a: 1}'), []],
  ['a functionConfig holding an anchor and its alias', lines(HEAD + 'items: []', 'functionConfig:', '  a: &x 1', '  b: *x'), []],
];

describe('the line scanner reads', () => {
  it.each(READS)('%s itself, as yaml reads it', (_, text, texts) => {
    const fast = scanBlockList(text);
    expect(fast).toBeDefined();
    expect(fast!.items.map((item) => item.text)).toEqual(texts);
    const list = parse(text) as { items: unknown[]; functionConfig?: unknown };
    expect(fast!.items.map((item) => parse(item.text) as unknown)).toEqual(list.items);
    expect(fast!.functionConfig?.value).toEqual(list.functionConfig);
    expect(fast).toEqual(parseDocumentList(text));
  });

  it("keeps the functionConfig's text as written", () => {
    expect(scanBlockList(READS.find(([what]) => what.includes('on its key line'))![1])!.functionConfig).toEqual({ value: { a: 1 }, text: '{a: 1}' });
    expect(scanBlockList(READS.find(([what]) => what.includes('anchor'))![1])!.functionConfig).toEqual({ value: { a: 1, b: 1 }, text: 'a: &x 1\nb: *x' });
  });
});

/** Lists yaml refuses: the scanner must decline them, so that the full parser words the refusal. */
const REFUSED: Array<[string, string, RegExp]> = [
  ['an alias key at the start of a line in results', lines(HEAD + 'items: []', 'results:', '- message: a', '  *x : b'), /Unresolved alias/],
  ['an alias after a dash in results', lines(HEAD + 'items: []', 'results:', '- *x'), /Unresolved alias/],
  ['an alias two spaces after a dash in results', lines(HEAD + 'items: []', 'results:', '-  *x'), /Unresolved alias/],
  ['an alias right after a bracket in results', lines(HEAD + 'items: []', 'results: [*x]'), /Unresolved alias/],
  ['a value on the items line above its entries', lines(HEAD + 'items: x', '- kind: A'), /Implicit keys need to be on a single line/],
  ['a second document marker', lines('---', '---', HEAD + 'items: []'), /more than one YAML document/],
  ['a tab after a dash in results', lines(HEAD + 'items: []', 'results:', '-\tmessage: x'), /Tabs are not allowed as indentation/],
  ['a key at the column of indented items', lines(HEAD + 'items:', '  - kind: A', '  x y: 1'), /All mapping items must start at the same column/],
  ['a tab before the map on the dash line', lines(HEAD + 'items:', '- \tkind: A', '   data: a'), /Tabs are not allowed as indentation/],
  ['a space and a tab before the map on an indented dash line', lines(HEAD + 'items:', '  -  \tkind: A'), /Tabs are not allowed as indentation/],
];

/** Lists with an entry that holds no object (yaml reads null): the scanner must decline, and the full parser refuses. */
const NO_OBJECT: Array<[string, string, RegExp]> = [
  ['an entry of a bare dash', lines(HEAD + 'items:', '-', '- kind: A'), /items\[0\] must be a Kubernetes object \(a map\), not nothing/],
  ['an entry of a dash and a space, last', lines(HEAD + 'items:', '- kind: A', '- '), /items\[1\] must be a Kubernetes object/],
  ['an entry holding only a comment', lines(HEAD + 'items:', '- # c', '- kind: A'), /items\[0\] must be a Kubernetes object/],
  ['an entry holding only a comment and a line of spaces, last', `${HEAD}items:\n- kind: A\n- # c\n  \n`, /items\[1\] must be a Kubernetes object/],
];

/** Lists yaml reads but the scanner does not fully understand: it must decline, and the full parser reads them. */
const READ_OTHERWISE: Array<[string, string]> = [
  ['a comment after the document marker', lines('--- # c', HEAD + 'items:', '- kind: A')],
  ['a dashed key at column 0 after the items (a top-level key to yaml)', lines(HEAD + 'items:', '- kind: A', '-x: 1')],
];

describe('the line scanner declines', () => {
  it.each(REFUSED)('%s, which yaml refuses', (_, text, message) => {
    expect(() => parse(text)).toThrow();
    expect(scanBlockList(text)).toBeUndefined();
    expect(() => parseResourceList(text)).toThrow(InputError);
    expect(() => parseResourceList(text)).toThrow(message);
  });

  it.each(NO_OBJECT)('%s, which the full parser refuses', (_, text, message) => {
    expect(scanBlockList(text)).toBeUndefined();
    expect(() => parseResourceList(text)).toThrow(message);
  });

  it.each(READ_OTHERWISE)('%s, which the full parser reads as yaml does', (_, text) => {
    expect(scanBlockList(text)).toBeUndefined();
    const list = parseResourceList(text);
    expect(list.items.map((item) => parse(item.text) as unknown)).toEqual((parse(text) as { items: unknown[] }).items);
  });

  it('a functionConfig yaml refuses, and names it', () => {
    const text = lines(HEAD + 'items: []', 'functionConfig:', '  a: [1');
    expect(() => parseResourceList(text)).toThrow(/^functionConfig is not valid YAML: line 1, column 6/);
  });

  it('a functionConfig in flow style holding a value too large to compose, and names it', () => {
    const text = lines(HEAD + 'items: []', `functionConfig: {a: "${'x'.repeat(MAX_SCALAR_LENGTH + 1)}"}`);
    expect(() => parseResourceList(text)).toThrow(/^functionConfig holds a single value of 4\.0 MiB/);
  });
});

describe('the splitting functions', () => {
  it('split the top-level keys by offsets; a key with nothing below has no lines', () => {
    const body = 'a: 1\nb:\n  c: 2\n\n# d\ne: {f: 1}';
    expect(splitSections(body)).toEqual(
      new Map([
        ['a', { inline: '1', start: 5, end: -1 }],
        ['b', { inline: '', start: 8, end: 19 }],
        ['e', { inline: '{f: 1}', start: 30, end: -1 }],
      ]),
    );
    expect(sectionLines(body, { inline: '1', start: 5, end: -1 })).toEqual([]);
    expect(sectionLines(body, { inline: '', start: 8, end: 19 })).toEqual(['  c: 2', '', '# d']);
  });

  it('split the items into entries, comments before the first left out', () => {
    const body = 'items:\n# c\n- kind: A\n  data: a\n\n- kind: B';
    const items = splitSections(body)!.get('items')!;
    const entries = splitItems(body, items);
    expect(entries).toEqual({ seqIndent: 0, bounds: [11, 31, 32, 41] });
    expect(Object.keys(entries!.bounds)).toEqual(['0', '1', '2', '3']);
    expect(entryTexts(body, entries!)).toEqual(['kind: A\ndata: a\n', 'kind: B']);
  });

  it('read no character past the end of the section they are given', () => {
    const body = 'items:\n- kind: A\n- kind: B\nx';
    // An end inside the second entry's line: the entry ends there.
    expect(splitItems(body, { inline: '', start: 7, end: 20 })).toEqual({ seqIndent: 0, bounds: [7, 16, 17, 20] });
    // An end inside the spaces that indent a line: the line is blank up to there.
    const indented = 'items:\n  - kind: A\n  - kind: B';
    expect(splitItems(indented, { inline: '', start: 7, end: 20 })).toEqual({ seqIndent: 2, bounds: [7, 20] });
  });
});

// What the readers and writers of src/io promise that no other test pinned: the text helpers' exact outputs, the
// place a syntax error names (line, column, the line quoted), the bounds of the size limit, the streams a config file
// may hold, and the texts the full parser keeps. Written for the mutants of src/io that survived the other tests
// (docs/verification.md, "Mutation testing"); each table row names the behaviour it pins.
import { Lexer, parse } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfigFile } from '../../src/io/config-file.js';
import { MAX_SCALAR_LENGTH, oversizedToken } from '../../src/io/limits.js';
import { parseDocumentList } from '../../src/io/parse-document-list.js';
import { parseResourceList, serializeResourceList } from '../../src/io/resource-list.js';
import { scanBlockList } from '../../src/io/scan-block-list.js';
import { asMappingValue, dedent, entryLines, sectionText, withoutFinalLineBreak } from '../../src/io/text.js';
import { stringifyWithYaml } from '../../src/io/write-resource-list.js';
import { oneLine } from '../../src/io/yaml-document.js';
import { refusal } from '../support/refusal.js';

const HEAD = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n';
const APP = 'apiVersion: tomoda.life/v1alpha1\nkind: TomodaApp\nmetadata:\n  name: demo\n';

describe('text helpers', () => {
  it.each([
    ['a plain scalar stays on the key line', 'x', 'k: x\n'],
    ['a flow map stays on the key line', '{a: 1}', 'k: {a: 1}\n'],
    ['a flow map over two lines keeps its second line under the key', '{a: 1,\n b: 2}', 'k: {a: 1,\n   b: 2}\n'],
    ['a block map goes below the key', 'a: 1\nb: 2', 'k:\n  a: 1\n  b: 2\n'],
    ['a key with no value at the end of the text is a block map', 'a:', 'k:\n  a:\n'],
    ['a block sequence goes below the key', '- a\n- b', 'k:\n  - a\n  - b\n'],
  ])('asMappingValue: %s', (_, text, expected) => {
    expect(asMappingValue('k', text)).toBe(expected);
  });

  it('withoutFinalLineBreak takes one final line break and nothing else', () => {
    expect(['abc', 'abc\n', 'a\n\n', ''].map(withoutFinalLineBreak)).toEqual(['abc', 'abc', 'a\n', '']);
  });

  it('dedent moves every line after the first left by the column, fewer where a line has fewer spaces', () => {
    expect(dedent('{a: 1,\n     b: 2,\n  c: 3}', 4)).toBe('{a: 1,\n b: 2,\nc: 3}');
    expect(dedent('x\n  y', 0)).toBe('x\n  y');
  });

  it.each([
    ['a map on the dash line', ['- kind: A', '  x: 1'], 0, ['kind: A', 'x: 1']],
    ['a map below a dash with a comment, deeper than two columns', ['- # c', '    kind: A', '    x: 1'], 0, ['# c', 'kind: A', 'x: 1']],
    ['a map below a bare dash, after blank lines', ['  -', '', '   ', '    kind: A', '    x: 1'], 2, ['kind: A', 'x: 1']],
    ['a map below a bare dash, after a blank line and a comment', ['-', '', '  # c', '  kind: A'], 0, ['# c', 'kind: A']],
    ['a content line left of the map (not YAML)', ['- kind: A', ' x: 1'], 0, undefined],
    ['a dash with nothing below it', ['-', '', '  # c'], 0, undefined],
  ])('entryLines: %s', (_, entry, seqIndent, expected) => {
    expect(entryLines(entry, seqIndent)).toEqual(expected);
  });

  it.each([
    ['a value that starts on the key line keeps its lines as they are', '{a: 1,', ['  b: 2}'], '{a: 1,\n  b: 2}'],
    ['a comment on the key line stays above the dedented map', '# c', ['  kind: X', '  a: 1'], '# c\nkind: X\na: 1'],
    ['a map below the key is dedented', '', ['  kind: X', '    a: 1'], 'kind: X\n  a: 1'],
  ])('sectionText: %s', (_, inline, lines, expected) => {
    expect(sectionText(inline, lines)).toBe(expected);
  });
});

describe('the texts the full parser keeps', () => {
  it('slices flow items of a block list from the source and moves their later lines left by their column', () => {
    const list = parseResourceList(`${HEAD}items: [{\n    kind: A,\n    metadata: {name: a}},\n  {kind: B,\n           x: 1}]\n`);
    expect(list.items.map((i) => i.text)).toEqual(['{\nkind: A,\nmetadata: {name: a}}', '{kind: B,\n         x: 1}']);
    expect(list.items.map((i) => i.head.kind)).toEqual(['A', 'B']);
  });

  it('keeps the anchor and tag written before the first key of an item, so its alias still has it', () => {
    const text = `${HEAD}items: # from kpt\n- &k kind: A\n  b:\n    c: *k\n- !!str  &b kind: B\n`;
    const list = parseResourceList(text);
    expect(list.items.map((i) => i.text)).toEqual(['&k kind: A\nb:\n  c: *k', '!!str  &b kind: B']);
    const out = serializeResourceList({ apiVersion: list.apiVersion, items: list.items.map((i) => i.text), results: [] });
    expect(parse(out)).toEqual({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [{ kind: 'A', b: { c: 'kind' } }, { kind: 'B' }] });
  });

  it("keeps the comment on the functionConfig's key line, as the line scanner keeps it", () => {
    const text = `${HEAD}items:\n- kind: A\nfunctionConfig: # the app\n  kind: X\n  a: 1\n`;
    expect(parseDocumentList(text).functionConfig).toEqual({ value: { kind: 'X', a: 1 }, text: '# the app\nkind: X\na: 1' });
    expect(scanBlockList(text)?.functionConfig?.text).toBe('# the app\nkind: X\na: 1');
  });
});

describe('what parseResourceList refuses, in the words of its own checks', () => {
  it('names stdin for a value too large to compose in a list the full parser reads', () => {
    const json = `{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[],"x":"${'y'.repeat(MAX_SCALAR_LENGTH + 1)}"}`;
    expect(refusal(() => parseResourceList(json))).toBe('stdin holds a single value of 4.0 MiB; no Kubernetes object has one above 4 MiB');
  });

  // Whether 3,000 levels overflow depends on the stack the test runs on: Stryker's test workers have a larger one,
  // where the read succeeds, so mutation runs leave this case to npm test.
  it.skipIf(process.env.TOMODA_MUTATION_RUN === '1')(
    'says a functionConfig nested deeper than yaml can read is too deep, naming it, not a stack overflow',
    () => {
      let nested = '';
      for (let i = 1; i <= 3000; i++) nested += `${' '.repeat(i)}a:\n`;
      expect(refusal(() => parseResourceList(`${HEAD}items: []\nfunctionConfig:\n${nested}`))).toBe(
        'functionConfig is nested too deeply to read; a ResourceList needs a few dozen levels at most',
      );
    },
  );
});

describe('config file streams', () => {
  it('refuses a file of comments only, which holds no document', () => {
    expect(refusal(() => parseConfigFile('# just a note\n\n# and another\n', 'app.yaml'))).toBe('app.yaml holds no YAML document; expected a TomodaApp');
  });

  it.each([
    ['a trailing document marker (an empty document)', `${APP}---\n`],
    ['a null document before the app', `~\n---\n${APP}`],
    ['a number and a string beside the app', `5\n---\ntext\n---\n${APP}`],
  ])('picks the one TomodaApp beside %s', (_, text) => {
    expect(parseConfigFile(text, 'app.yaml')).toEqual({ apiVersion: 'tomoda.life/v1alpha1', kind: 'TomodaApp', metadata: { name: 'demo' } });
  });
});

describe('the size limit', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lexes only a text longer than the limit, and finds a token one character over it', () => {
    const lex = vi.spyOn(Lexer.prototype, 'lex');
    expect(oversizedToken('a'.repeat(MAX_SCALAR_LENGTH))).toBeUndefined();
    expect(lex).not.toHaveBeenCalled();
    expect(oversizedToken('a'.repeat(MAX_SCALAR_LENGTH + 1))).toBe(MAX_SCALAR_LENGTH + 1);
    expect(lex).toHaveBeenCalledTimes(1);
  });
});

describe('the place a syntax error names', () => {
  const file = (text: string): string => refusal(() => parseConfigFile(text, 'f.yaml'));
  const stdin = (text: string): string => refusal(() => parseResourceList(text));

  it.each([
    ['an unclosed quote at the very start of the text', '"open\n', 'line 1, column 1: Missing closing "quote; the line is "\\"open"'],
    [
      'an unclosed quote whose continuation line starts with a quote (the opening one is meant)',
      'a:\n  k: "first\n"\n',
      'line 2, column 6: Missing closing "quote; the line is "  k: \\"first"',
    ],
    [
      'an unclosed flow sequence followed by spaces and a tab (the end of what the line holds)',
      'a: [  \t\n',
      'line 1, column 5: Flow sequence in block collection must be sufficiently indented and end with a ]; the line is "a: [  \\t"',
    ],
    [
      'a mistake after a blank first line (lines counted from 1)',
      '\na: "x" y\n',
      'line 2, column 8: Unexpected scalar at node end; the line is "a: \\"x\\" y"',
    ],
  ])('%s', (_, text, sentence) => {
    expect(file(text)).toBe(`f.yaml is not valid YAML: ${sentence}`);
    expect(stdin(text)).toBe(`stdin is not valid YAML: ${sentence}`);
  });

  // yaml points at the first blank line above a mis-indented line; the mistake is on the line below the blank ones.
  it.each([
    [
      'a mis-indented key below a blank line',
      'a:\n  b: 1\n\n c: 2\n',
      'line 4, column 2: All mapping items must start at the same column; the line is " c: 2"',
    ],
    [
      'a sequence below a line of spaces',
      'metadata:\n  name: x\n   \n- oops\n',
      'line 4, column 1: A block sequence may not be used as an implicit map key; the line is "- oops"',
    ],
    [
      'a comment that is itself the mistake, not the line below it',
      'a: [\n  c: 2\n# end\n  d]\n',
      'line 3, column 1: Comments must be separated from other tokens by white space characters; the line is "# end"',
    ],
    ['an entry without its dash below a blank line', 'items:\n- a: 1\n\n b: 2\n', 'line 4, column 2: Sequence item without - indicator; the line is " b: 2"'],
  ])('names the line below blank lines: %s', (_, text, sentence) => {
    expect(file(text)).toBe(`f.yaml is not valid YAML: ${sentence}`);
    expect(stdin(text)).toBe(`stdin is not valid YAML: ${sentence}`);
  });

  it("drops yaml's own place from its message on line 10 and beyond", () => {
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}: ${i}\n`).join('');
    expect(file(`${keys}x: "a" b\n`)).toBe('f.yaml is not valid YAML: line 13, column 8: Unexpected scalar at node end; the line is "x: \\"a\\" b"');
  });

  it('cuts a long line around the mistake when the line is not the first', () => {
    const line = `a: "${'a'.repeat(300)}" tail ${'b'.repeat(300)}`;
    const at = line.indexOf(' tail') + 1;
    expect(file(`x: 1\n${line}\n`)).toBe(
      `f.yaml is not valid YAML: line 2, column ${at + 1}: Unexpected scalar at node end; the line is ${JSON.stringify(`…${line.slice(at - 120, at + 120)}…`)}`,
    );
  });

  it('oneLine keeps the first line of a message, trimmed', () => {
    expect(oneLine('  Excessive alias count  \nmore')).toBe('Excessive alias count');
  });
});

describe('the yaml writer path', () => {
  it('writes an object that appears twice in full both times, without anchors', () => {
    const shared = { x: 1 };
    expect(stringifyWithYaml({ a: shared, b: shared })).toBe('a:\n  x: 1\nb:\n  x: 1');
  });

  it('writes a "<<" key as a double-quoted string with its tag, so no reader takes it for a merge key', () => {
    expect(stringifyWithYaml({ '<<': 'x', y: { '<<': 'z' } })).toBe('!!str "<<": x\n"y":\n  !!str "<<": z');
  });
});

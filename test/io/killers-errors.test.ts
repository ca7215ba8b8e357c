// The sentences the readers say for bad input, whole: which reader said it, the line and column, the excerpt of a long
// line, the control character's code point, the size of an oversized value. Written for the mutants of src/io that
// survived the tests that match these sentences by a few words (docs/verification.md, "Mutation testing").
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../src/io/config-file.js';
import { MAX_SCALAR_LENGTH, oversizedToken } from '../../src/io/limits.js';
import { parseResourceList } from '../../src/io/resource-list.js';
import { writeAll } from '../../src/io/write-all.js';
import { parseYaml } from '../../src/io/yaml-document.js';
import { refusal } from '../support/refusal.js';

const HEAD = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n';

describe('parseResourceList refuses, in one sentence', () => {
  const MUST = 'stdin must hold a ResourceList (a map with kind: ResourceList), not';
  it.each([
    ['blank input', '   \n', 'stdin is empty; expected a ResourceList (apiVersion: config.kubernetes.io/v1, kind: ResourceList)'],
    ['a list', '- a\n', `${MUST} a list`],
    ['a number', '5\n', `${MUST} the number 5`],
    ['a boolean', 'true\n', `${MUST} the boolean true`],
    ['null', 'null\n', `${MUST} nothing`],
    ['a long string, cut', `"${'a'.repeat(60)}"\n`, `${MUST} the string "${'a'.repeat(39)}`],
    ['another kind', 'kind: Deployment\n', 'stdin must hold a ResourceList, but its kind is Deployment'],
    ['no kind', 'apiVersion: v1\n', 'stdin must hold a ResourceList, but its kind is missing'],
    ['a kind that is not a string', 'kind: 5\n', 'stdin must hold a ResourceList, but its kind is missing'],
    ['another apiVersion', 'apiVersion: v2\nkind: ResourceList\nitems: []\n', 'the ResourceList apiVersion must be config.kubernetes.io/v1, not "v2"'],
    ['no apiVersion', 'kind: ResourceList\nitems: []\n', 'the ResourceList apiVersion must be config.kubernetes.io/v1, not null'],
    ['an apiVersion that is a number', 'apiVersion: 5\nkind: ResourceList\nitems: []\n', 'the ResourceList apiVersion must be config.kubernetes.io/v1, not 5'],
    ['no items', HEAD, 'the ResourceList has no items; expected items: [] at least'],
    ['items that are a map', `${HEAD}items: {a: 1}\n`, 'the ResourceList items must be a list, not a map'],
    ['items that are a string', `${HEAD}items: "x"\n`, 'the ResourceList items must be a list, not the string "x"'],
    ['an item that is a string', `${HEAD}items:\n- just a string\n`, 'items[0] must be a Kubernetes object (a map), not the string "just a string"'],
    ['an item that is a list', `${HEAD}items:\n- kind: A\n- [a]\n`, 'items[1] must be a Kubernetes object (a map), not a list'],
    ['an empty item', `${HEAD}items:\n-\n`, 'items[0] must be a Kubernetes object (a map), not nothing'],
    ['two documents', `${HEAD}items: []\n---\nx: 1\n`, 'stdin holds more than one YAML document; a ResourceList is a single document'],
    [
      'an alias without its anchor',
      `${HEAD}items: []\nfunctionConfig: *x\n`,
      'stdin is not usable YAML: Unresolved alias (the anchor must be set before the alias): x',
    ],
    [
      "an alias in the functionConfig to an item's anchor",
      `${HEAD}items:\n- kind: A\n  x: &a 1\nfunctionConfig:\n  y: *a\n`,
      'the functionConfig uses the alias *a of an anchor outside it; each item must stand alone (the function may replace the other one): write the value out, or keep anchor and alias in one item',
    ],
    [
      'nesting deeper than the stack (JSON)',
      `{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":${'['.repeat(20000)}}`,
      'stdin is nested too deeply to read; a ResourceList needs a few dozen levels at most',
    ],
    [
      'nesting deeper than the stack in the functionConfig',
      `${HEAD}items: []\nfunctionConfig: ${'['.repeat(20000)}\n`,
      'functionConfig is nested too deeply to read; a ResourceList needs a few dozen levels at most',
    ],
    [
      'a mis-indented line in an item (the column of its first character)',
      `${HEAD}items:\n- kind: A\n  y: &a 1\n  x:\n      a: 1\n    b: 2\n`,
      'stdin is not valid YAML: line 8, column 5: All mapping items must start at the same column; the line is "    b: 2"',
    ],
    [
      'a mis-indented line in the functionConfig, counted within it',
      `${HEAD}items: []\nfunctionConfig:\n  a: [1,\n  b: 2\n`,
      'functionConfig is not valid YAML: line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]; the line is "b: 2"',
    ],
    [
      'an unclosed flow sequence at the end (the last line that holds anything)',
      'a: [\n\n\n',
      'stdin is not valid YAML: line 1, column 5: Flow sequence in block collection must be sufficiently indented and end with a ]; the line is "a: ["',
    ],
  ])('%s', (_, text, sentence) => {
    expect(refusal(() => parseResourceList(text))).toBe(sentence);
  });

  const control = (line: number, column: number, code: string): string =>
    `stdin is not valid YAML: line ${line}, column ${column} holds the control character U+${code}, which YAML does not allow raw; write it as an escape in a double-quoted string ("\\u${code}")`;
  it.each([
    ['U+0001', `${HEAD}items: []\nx: "a\x01b"\n`, control(4, 6, '0001')],
    ['DEL', 'a: 1\n\x7f\n', control(2, 1, '007F')],
    ['a C1 control', `${HEAD}items: []\nx: "a\x9fb"\n`, control(4, 6, '009F')],
    ['U+FFFE', `${HEAD}items: []\nx: "a\ufffeb"\n`, control(4, 6, 'FFFE')],
    ['U+FFFF', `${HEAD}items: []\nx: "a\uffffb"\n`, control(4, 6, 'FFFF')],
    ['a vertical tab after old Mac line breaks (each CR is a line)', `${HEAD}items: []\r\rx: "a\x0bb"\n`, control(5, 6, '000B')],
  ])('refuses a raw control character: %s', (_, text, sentence) => {
    expect(refusal(() => parseResourceList(text))).toBe(sentence);
  });

  it('reads a tab and NEL (U+0085), which YAML allows', () => {
    expect(parseResourceList(`${HEAD}items: []\nfunctionConfig:\n  x: "\tb"\n  y: "a\u0085b"\n`).functionConfig?.value).toEqual({ x: '\tb', y: 'a\u0085b' });
  });
});

describe('syntax errors in a config file', () => {
  const said = (text: string): string => refusal(() => parseConfigFile(text, 'f.yaml'));

  it('quotes a line of more than 240 characters around the mistake, marking both cuts', () => {
    const line = `a: "${'a'.repeat(300)}" tail ${'b'.repeat(300)}`;
    const at = line.indexOf(' tail') + 1;
    expect(said(`${line}\n`)).toBe(
      `f.yaml is not valid YAML: line 1, column ${at + 1}: Unexpected scalar at node end; the line is ${JSON.stringify(`…${line.slice(at - 120, at + 120)}…`)}`,
    );
  });

  it('quotes a long line from its start when the mistake is near it, marking the one cut', () => {
    const line = `a: "${'a'.repeat(10)}" tail ${'b'.repeat(300)}`;
    expect(said(`${line}\n`)).toBe(
      `f.yaml is not valid YAML: line 1, column 17: Unexpected scalar at node end; the line is ${JSON.stringify(`${line.slice(0, 240)}…`)}`,
    );
  });

  it('quotes a long line up to its end when the mistake is near the end', () => {
    const line = `a: "${'b'.repeat(300)}" x`;
    expect(said(`${line}\n`)).toBe(
      `f.yaml is not valid YAML: line 1, column 307: Unexpected scalar at node end; the line is ${JSON.stringify(`…${line.slice(line.length - 240)}`)}`,
    );
  });

  it('quotes a line of exactly 240 characters whole', () => {
    const line = `a: "x" ${'b'.repeat(233)}`;
    expect(line).toHaveLength(240);
    expect(said(`${line}\n`)).toBe(`f.yaml is not valid YAML: line 1, column 8: Unexpected scalar at node end; the line is ${JSON.stringify(line)}`);
  });

  it('points a line indented less than its siblings at its first character', () => {
    expect(said('a:\n  b: 1\n c: 2\n')).toBe(
      'f.yaml is not valid YAML: line 3, column 2: All mapping items must start at the same column; the line is " c: 2"',
    );
    expect(said('a:\n    b: 1\n  c: 2\n')).toBe(
      'f.yaml is not valid YAML: line 3, column 3: All mapping items must start at the same column; the line is "  c: 2"',
    );
  });

  it('points an unclosed single quote at the quote that opens it', () => {
    expect(said("a: 1\nb: 'open\nc: 2\n")).toMatch(/^f\.yaml is not valid YAML: line 2, column 4: Missing closing 'quote; the line is "b: 'open"$/);
  });

  it('says how many TomodaApps a stream holds when it is not one', () => {
    expect(said('kind: TomodaApp\n---\nkind: TomodaApp\n')).toBe('f.yaml holds 2 TomodaApp documents; render takes exactly one');
    expect(said('a: 1\n---\nb: 2\n')).toBe('f.yaml holds 0 TomodaApp documents; render takes exactly one');
  });

  it('says an alias without its anchor is not usable YAML', () => {
    expect(said('a: *x\n')).toBe('f.yaml is not usable YAML: Unresolved alias (the anchor must be set before the alias): x');
  });
});

describe('values too large to compose', () => {
  it('finds the first token above the limit, and looks no further in a text within it', () => {
    expect(oversizedToken('a'.repeat(MAX_SCALAR_LENGTH))).toBeUndefined();
    expect(oversizedToken(`a: ${'b'.repeat(MAX_SCALAR_LENGTH)}`)).toBeUndefined(); // the text is longer, no token is
    expect(oversizedToken(`a: ${'b'.repeat(MAX_SCALAR_LENGTH + 1)}\nc: ${'d'.repeat(MAX_SCALAR_LENGTH + 5)}`)).toBe(MAX_SCALAR_LENGTH + 1);
  });

  it('refuses such a value before the parser composes it, saying its size in MiB', () => {
    const text = `a: "${'x'.repeat(MAX_SCALAR_LENGTH + 200_000)}"\n`;
    expect(refusal(() => parseYaml(text, 'functionConfig'))).toBe('functionConfig holds a single value of 4.2 MiB; no Kubernetes object has one above 4 MiB');
    expect(parseYaml(`a: "${'x'.repeat(MAX_SCALAR_LENGTH - 2)}"\n`, 'stdin').toJS()).toEqual({ a: 'x'.repeat(MAX_SCALAR_LENGTH - 2) });
  });
});

describe('writeAll', () => {
  it('writes all of a text longer than one slice, without splitting a surrogate pair at the slice boundary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'write-all-'));
    try {
      const file = join(dir, 'out');
      // A pair whose high half is the last unit of the first 2^18-unit slice; more text after it.
      const text = `${'a'.repeat((1 << 18) - 1)}\u{1F600}${'é'.repeat(1 << 18)}z`;
      const fd = openSync(file, 'w');
      writeAll(fd, text);
      closeSync(fd);
      expect(readFileSync(file, 'utf8')).toBe(text);
      const empty = openSync(file, 'w');
      writeAll(empty, '');
      closeSync(empty);
      expect(readFileSync(file, 'utf8')).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

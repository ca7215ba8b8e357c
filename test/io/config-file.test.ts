// parseConfigFile: what `render FILE` and the legacy plugin read. One YAML document, or a stream in which exactly
// one document is a TomodaApp; anything else is one InputError that names the file.
import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../src/io/config-file.js';
import { InputError } from '../../src/io/resource-list.js';

const app = (name: string): string => `apiVersion: tomoda.life/v1alpha1\nkind: TomodaApp\nmetadata:\n  name: ${name}\n`;
const fails = (text: string): string => {
  try {
    parseConfigFile(text, 'app.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
};

describe('parseConfigFile', () => {
  it('reads one TomodaApp document', () => {
    expect(parseConfigFile(app('one'), 'app.yaml')).toEqual({ apiVersion: 'tomoda.life/v1alpha1', kind: 'TomodaApp', metadata: { name: 'one' } });
  });

  it('reads one document of another kind as it is (loading the config names the wrong kind)', () => {
    expect(parseConfigFile('kind: ConfigMap\nmetadata: {name: x}\n', 'app.yaml')).toEqual({ kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(parseConfigFile('just text', 'app.yaml')).toBe('just text');
  });

  it('picks the one TomodaApp out of a stream, wherever it stands', () => {
    const other = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n';
    expect(parseConfigFile(`${other}---\n${app('mine')}---\n${other}`, 'app.yaml')).toMatchObject({ kind: 'TomodaApp', metadata: { name: 'mine' } });
    expect(parseConfigFile(`${app('first')}---\n${other}`, 'app.yaml')).toMatchObject({ metadata: { name: 'first' } });
  });

  it('refuses a stream with several TomodaApps or none, saying how many', () => {
    expect(fails(`${app('a')}---\n${app('b')}`)).toBe('app.yaml holds 2 TomodaApp documents; render takes exactly one');
    expect(fails(`${app('a')}---\nkind: X\n---\n${app('b')}---\n${app('c')}`)).toBe('app.yaml holds 3 TomodaApp documents; render takes exactly one');
    expect(fails('kind: A\n---\nkind: B\n')).toBe('app.yaml holds 0 TomodaApp documents; render takes exactly one');
  });

  it('refuses an empty or blank file', () => {
    expect(fails('')).toBe('app.yaml is empty; expected a TomodaApp');
    expect(fails(' \n\t\n')).toBe('app.yaml is empty; expected a TomodaApp');
  });

  it("refuses text that is not YAML, and duplicate keys, with the first line of the parser's message", () => {
    expect(fails('a: [1, 2\n')).toMatch(/^app\.yaml is not valid YAML: [^\n]+$/);
    expect(fails(`${app('a')}kind: TomodaApp\n`)).toMatch(/^app\.yaml is not valid YAML: line 5, column 1: Map keys must be unique/);
    expect(fails(`${app('a')}---\nb: [\n`)).toMatch(/^app\.yaml is not valid YAML: /); // in any document of the stream
  });

  it('refuses an alias bomb before expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 6; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(fails(`${levels.join('\n')}\n`)).toMatch(/^app\.yaml is not usable YAML: [^\n]*[Ee]xcessive alias count/);
  });

  it('refuses an alias inside the value its anchor names (a value that would contain itself)', () => {
    expect(fails('a: &x [1, *x]\n')).toBe('app.yaml uses the alias *x inside the value its anchor &x names, so the value would contain itself; write it out');
    expect(fails('kind: TomodaApp\nmetadata:\n  annotations: &x\n    a: *x\n')).toMatch(/^app\.yaml uses the alias \*x inside/);
  });

  it('accepts a few aliases, as a hand-written file may have', () => {
    expect(parseConfigFile('a: &x {k: v}\nb: *x\nc: *x\n', 'app.yaml')).toEqual({ a: { k: 'v' }, b: { k: 'v' }, c: { k: 'v' } });
  });
});

describe('syntax errors', () => {
  const errorOf = fails;
  const APP = app('demo');

  it('names the line and column of a syntax error and quotes the whole line', () => {
    expect(errorOf(`${APP}spec:\n  backend: {image: x\n  other: 1\n`)).toBe(
      'app.yaml is not valid YAML: line 7, column 3: Flow map in block collection must be sufficiently indented and end with a }; the line is "  other: 1"',
    );
  });

  it('counts lines across the documents of a stream', () => {
    expect(errorOf(`apiVersion: v1\nkind: ConfigMap\n---\n${APP}  labels: {a: b\n`)).toMatch(
      /^app\.yaml is not valid YAML: line 8, column 16: Flow map .*; the line is "  labels: {a: b"$/,
    );
  });

  it('counts columns in characters: a character outside the BMP is one column', () => {
    const line = '  note: "\u{1F600}\u{1F600}" x';
    expect(errorOf(`${APP}${line}\n`)).toBe(
      `app.yaml is not valid YAML: line 5, column 14: Unexpected scalar at node end; the line is ${JSON.stringify(line)}`,
    );
  });

  it("quotes a long line uncut (yaml's own excerpt stops at 80 characters)", () => {
    const long = `  description: "${'word '.repeat(30)}" trailing`;
    expect(errorOf(`${APP}${long}\n`)).toContain(`the line is ${JSON.stringify(long)}`);
  });

  it('points an unclosed quote at the quote that opens it, not at the end of the file', () => {
    expect(errorOf(`${APP}spec:\n  env: "dev\n  other: 1\n`)).toMatch(
      /^app\.yaml is not valid YAML: line 6, column 8: Missing closing "quote; the line is "  env: \\"dev"$/,
    );
  });
});

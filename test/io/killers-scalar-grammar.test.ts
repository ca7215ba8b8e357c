// The scalar grammar (src/io/scalar-grammar.ts) through its exported functions, each case named by what it pins,
// with `yaml` as the oracle wherever a reading is accepted: a value the fast readers resolve themselves must be
// the value `yaml` reads for `k: <text>`, and a block scalar header they accept must be one `yaml` reads as such.
// For writing, readsAsNonString follows YAML 1.1 (`yaml`'s yaml-1.1 schema) and go-yaml's resolve, as the module
// documents them. Written for the mutants of that module that the readers' own tests could not tell apart.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  beforeComment,
  Declined,
  isBlockScalarHeader,
  keyOf,
  needsQuotes,
  plainValue,
  readsAsNonString,
  scalarValue,
  splitKeyLine,
  stringScalar,
  trimWhite,
} from '../../src/io/scalar-grammar.js';

/** What `yaml` reads for `k: <text>` (YAML 1.2 core schema, as the fast readers promise). */
const yamlValue = (text: string): unknown => (parse(`k: ${text}\n`) as { k: unknown }).k;

describe('line helpers', () => {
  it.each([
    ['a tab before and after', '\tv\t', 'v'],
    ['spaces and tabs mixed', ' \t v \t ', 'v'],
    ['only white', ' \t ', ''],
    ['a no-break space stays', '\u00a0v\u00a0', '\u00a0v\u00a0'],
  ])('trimWhite: %s', (_name, text, expected) => {
    expect(trimWhite(text)).toBe(expected);
  });

  it.each([
    ['leading white before a value', '  v', 'v'],
    ['leading white, then a comment', ' v # c', 'v'],
    ['a # inside a word is no comment', 'a#b', 'a#b'],
    ['a # inside a word, then a comment', 'a#b #c', 'a#b'],
    ['a comment after a tab', 'v\t# c', 'v'],
  ])('beforeComment: %s', (_name, text, expected) => {
    expect(beforeComment(text)).toBe(expected);
  });
});

describe('splitKeyLine', () => {
  it.each([
    ['a plain key and a value', 'name: v', { key: 'name', rest: 'v' }],
    ['a plain key with every further character class', 'a_Z9.b/c-d: v', { key: 'a_Z9.b/c-d', rest: 'v' }],
    ['a key alone on its line', 'spec:', { key: 'spec', rest: '' }],
    ['spaces after the colon', 'k:   v  ', { key: 'k', rest: 'v' }],
    ['a single-quoted key', "'a b': v", { key: 'a b', rest: 'v' }],
    ['a double-quoted key', '"a b":', { key: 'a b', rest: '' }],
  ])('reads %s as yaml does', (_name, line, expected) => {
    expect(splitKeyLine(line)).toEqual(expected);
    const read = parse(`${line}\n`) as Record<string, unknown>;
    expect(Object.keys(read)).toEqual([expected.key]);
  });

  it.each([
    ['a key with a space', 'a b: v'],
    ['a key with a tilde', 'a~: v'],
    ['a key of tildes', '~~: v'],
    ['a key starting with a bracket', '[a: v'],
    ['a key with a backquote', 'A`: v'],
    ['a key with braces', 'A{}: v'],
    ['a key with a non-ASCII letter', 'Aé: v'],
    ['a key with an at sign', 'A@: v'],
    ['a key starting with a digit', '9a: v'],
    ['no space after the colon', 'a:b'],
    ['a tab after the colon', 'a:\tb'],
    ['the null word as a key', 'null: v'],
    ['the five-letter boolean word as a key', 'false: v'],
    ['the capitalised boolean word as a key', 'FALSE: v'],
    ['a double-quoted key with an escape', '"a\\nb": v'],
    ['a rest holding a line separator', 'a: b\u2028c'],
  ])('declines %s (left to yaml)', (_name, line) => {
    expect(splitKeyLine(line)).toBeUndefined();
  });

  it('takes a plain key of 1024 characters, the longest implicit key yaml takes, and declines 1025', () => {
    const key = 'k'.repeat(1024);
    expect(splitKeyLine(`${key}: v`)).toEqual({ key, rest: 'v' });
    expect(Object.keys(parse(`${key}: v\n`) as object)).toEqual([key]);
    expect(splitKeyLine(`${key}k: v`)).toBeUndefined();
  });

  it('measures the key from `start`, not from the beginning of the text', () => {
    const pad = ' '.repeat(1000);
    expect(splitKeyLine(`${pad}key: v`, 1000)).toEqual({ key: 'key', rest: 'v' });
    expect(splitKeyLine(`${pad}key: v # c`, 1000, 1006)).toEqual({ key: 'key', rest: 'v' });
  });
});

describe('keyOf', () => {
  it.each([
    ['a plain key', 'name', 'name'],
    ['an empty single-quoted key', "''", ''],
    ['an empty double-quoted key', '""', ''],
    ['a quoted key with a space', "'a b'", 'a b'],
    ['a plain key of 1024 characters', 'k'.repeat(1024), 'k'.repeat(1024)],
  ])('reads %s as yaml does', (_name, raw, expected) => {
    expect(keyOf(raw)).toBe(expected);
    expect(Object.keys(parse(`${raw}: v\n`) as object)).toEqual([expected]);
  });

  it.each([
    ['a plain key of 1025 characters', 'k'.repeat(1025)],
    ['text that is neither plain nor quoted', 'a b'],
    ['text between two equal letters', 'xa bx'],
    ['a lone single quote', "'"],
    ['a lone double quote', '"'],
    ['an unclosed quote', "'ab"],
    ['quotes that do not match', `'ab"`],
    ['a quote inside single quotes', "'a'b'"],
    ['an escape in double quotes', '"a\\nb"'],
    ['a backslash in single quotes', "'a\\b'"],
    ['a non-ASCII character in quotes', "'é'"],
    ['a control character in quotes', "'a\u0001'"],
    ['a null word', 'null'],
    ['a boolean word', 'False'],
  ])('declines %s', (_name, raw) => {
    expect(keyOf(raw)).toBeUndefined();
  });
});

describe('scalarValue', () => {
  it.each([
    ['a single-quoted string', "'a b'"],
    ['a single-quoted string with a doubled quote', "'it''s'"],
    ['an empty single-quoted string', "''"],
    ['a single-quoted string, then a comment', "'a' # c"],
    ['a single-quoted string holding # after a space', "'a #'"],
    ['a double-quoted string, then a comment', '"a" # c'],
    ['a double-quoted string with JSON escapes', '"a\\tb\\"c"'],
    ['a plain string', 'a b'],
    ['a plain string with a # inside a word', 'a#b'],
    ['a plain path', '/etc/x'],
    ['an integer', '42'],
    ['a negative integer', '-7'],
    ['a decimal', '1.5'],
    ['a negative decimal', '-0.25'],
    ['the five-letter boolean', 'false'],
    ['the capitalised boolean', 'False'],
    ['null', 'null'],
    ['the tilde', '~'],
    ['empty', ''],
  ])('reads %s as yaml does', (_name, text) => {
    expect(scalarValue(text)).toEqual(yamlValue(text));
  });

  it.each([
    ['a lone single quote', "'"],
    ['an unclosed single quote', "'ab"],
    ['a lone double quote', '"'],
    ['a double-quoted \\u escape', '"\\u0041"'],
    ['a plain value ending with a colon', 'a:'],
    ['a plain value with `: ` inside', 'a: b'],
    ['an octal core number', '0o17'],
    ['a hexadecimal core number', '0x1F'],
    ['an exponent', '1e3'],
    ['a flow sequence', '[a]'],
  ])('declines %s', (_name, text) => {
    expect(() => scalarValue(text)).toThrow(Declined);
  });

  it('plainValue reads a decimal itself', () => {
    expect(plainValue('3.25')).toBe(3.25);
    expect(plainValue('3.25')).toBe(yamlValue('3.25'));
  });

  it('stringScalar: a string, or undefined for other values and declined text', () => {
    expect(stringScalar("'a'")).toBe('a');
    expect(stringScalar('1')).toBeUndefined();
    expect(stringScalar('[a]')).toBeUndefined();
  });
});

describe('isBlockScalarHeader', () => {
  /** What `yaml` reads for a block scalar with this header: a string, or an error. */
  const read = (header: string): unknown => {
    try {
      return yamlValue(`${header}\n  text\n`);
    } catch {
      return undefined;
    }
  };

  it.each([
    ['literal', '|'],
    ['folded', '>'],
    ['strip chomping', '|-'],
    ['keep chomping', '>+'],
    ['an indentation indicator', '|2'],
    ['indentation, then chomping', '|2-'],
    ['chomping, then indentation', '|-2'],
    ['an anchor before it', '&a |'],
    ['a long anchor before it', '&anchor |'],
    ['a tag before it', '!!str |'],
    ['a tag before a folded one', '!!str >'],
    ['an anchor and a tag, two spaces apart', '&a  !!str  |'],
    ['an anchor, then a tab', '&a\t|'],
    ['a comment after it', '| # c'],
    ['a comment after two spaces', '|  # c'],
    ['a bare comment mark after it', '| #'],
  ])('accepts %s', (_name, header) => {
    expect(isBlockScalarHeader(header)).toBe(true);
    expect(typeof read(header)).toBe('string');
  });

  it.each([
    ['a plain word', 'x |'],
    ['a pipe, then a word', '|x |'],
    ['a comment without a space', '|#c'],
    ['two chomping indicators', '|--'],
    ['an indentation indicator of 0', '|0'],
    ['an anchor without a space before the pipe', '&a|'],
  ])('declines %s', (_name, header) => {
    expect(isBlockScalarHeader(header)).toBe(false);
  });
});

describe('readsAsNonString', () => {
  it.each([
    // go-yaml drops every `_` of a scalar starting with a sign or digit, then tries ParseInt(s, 0, 64) and its float pattern.
    ['an octal with 0o and an underscore (go-yaml only)', '0o1_7'],
    ['a hexadecimal with 0X and an underscore (go-yaml only)', '0X1_F'],
    ['a float starting with 9, underscore in the exponent (go-yaml only)', '9e1_0'],
    // A scalar starting with `.` is a float for go-yaml when strconv.ParseFloat takes it, underscores between digits included.
    ['a dot float, underscore in the exponent (go-yaml only)', '.5e1_0'],
    ['a YAML 1.1 integer with underscores', '1_000'],
    ['a YAML 1.1 boolean', 'on'],
  ])('quotes %s', (_name, value) => {
    expect(readsAsNonString(value)).toBe(true);
  });

  it('agrees with yaml 1.1 on the YAML 1.1 cases', () => {
    expect(typeof parse('1_000', { schema: 'yaml-1.1' })).toBe('number');
    expect(parse('on', { schema: 'yaml-1.1' })).toBe(true);
    // go-yaml's underscore rule is beyond YAML 1.1: these stay strings there, so only go-yaml's rule quotes them.
    expect(parse('0o1_7', { schema: 'yaml-1.1' })).toBe('0o1_7');
    expect(parse('9e1_0', { schema: 'yaml-1.1' })).toBe('9e1_0');
  });

  it.each([
    ['a word', 'abc'],
    ['a dot word', '.x'],
    ['a sign word', '-x'],
    ['a key-like word after <', '<x'],
  ])('leaves %s plain', (_name, value) => {
    expect(readsAsNonString(value)).toBe(false);
  });
});

describe('plain keys: one class, [A-Za-z_][\\w./-]*', () => {
  const PLAIN_KEY = /^[A-Za-z_][\w./-]*$/;
  const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).filter((c) => c !== "'" && c !== '"');

  it.each(printable)("%j as a key's first and as its second character", (c) => {
    for (const key of [`${c}x`, `x${c}`]) {
      const plain = PLAIN_KEY.test(key);
      expect(splitKeyLine(`${key}: v`), key).toEqual(plain ? { key, rest: 'v' } : undefined);
      expect(keyOf(key), key).toBe(plain ? key : undefined);
      if (plain) expect(Object.keys(parse(`${key}: v\n`) as object)).toEqual([key]);
    }
  });

  it.each([
    ['a range ending inside the key', 'abc: v', 0, 2],
    ['a range ending just before the colon', 'ab: v', 0, 2],
    ['an empty range', 'a: v', 0, 0],
    ['a range starting at a space', 'x a: v', 1, 6],
  ])('declines %s', (_name, text, start, end) => {
    expect(splitKeyLine(text, start, end)).toBeUndefined();
  });

  it.each([
    ['a plain key', 'xab: v', 1, { key: 'ab', rest: 'v' }],
    ['a quoted key', "x'a b': v", 1, { key: 'a b', rest: 'v' }],
  ])('reads %s from `start` on', (_name, text, start, expected) => {
    expect(splitKeyLine(text, start)).toEqual(expected);
  });

  it.each([
    ['a key, an odd character and a space', 'a~ b'],
    ['a key and two spaces', 'a  b'],
  ])('declines %s (no colon after the key)', (_name, line) => {
    expect(splitKeyLine(line)).toBeUndefined();
  });
});

describe('every text of up to two characters over the characters YAML gives a meaning', () => {
  const ALPHABET = '09+-._eExXoObB:~<nNyYtTfF aZ#\'"|>&!\t,[]{}%@`?\\/*';
  const texts = [''];
  for (const a of ALPHABET) {
    texts.push(a);
    for (const b of ALPHABET) texts.push(a + b);
  }
  /** `yaml`'s reading of `k: <text>` under a schema, or an error marker. */
  const read = (text: string, schema: 'core' | 'yaml-1.1'): unknown => {
    try {
      return (parse(`k: ${text}\n`, { schema, logLevel: 'silent' }) as { k: unknown }).k;
    } catch {
      return Symbol.for('error');
    }
  };

  it('scalarValue, where it accepts a text, reads what yaml reads', () => {
    for (const text of texts) {
      let value: unknown;
      try {
        value = scalarValue(text);
      } catch (e) {
        expect(e, JSON.stringify(text)).toBeInstanceOf(Declined);
        continue;
      }
      expect(value, JSON.stringify(text)).toEqual(read(text, 'core'));
    }
  });

  it('needsQuotes lets no text through that yaml 1.1 or core reads as anything else', () => {
    for (const text of texts.filter((t) => !needsQuotes(t))) {
      expect(read(text, 'yaml-1.1'), JSON.stringify(text)).toBe(text);
      expect(read(text, 'core'), JSON.stringify(text)).toBe(text);
    }
  });
});

// The small reader must return what `yaml` returns, or decline (undefined); never accept what `yaml` rejects.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect, isDeepStrictEqual } from 'node:util';
import { parseDocument, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readBlockYaml } from '../../src/io/read-block-yaml.js';
import { readableInputs } from '../support/testdata.js';
import { runs } from '../property/support.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** What the function used before: yaml's document, or undefined where yaml reports an error. */
function viaYaml(text: string): { ok: true; value: unknown } | { ok: false } {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) return { ok: false };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return { ok: false };
  }
}

function expectSameOrDeclined(text: string): boolean {
  const ours = readBlockYaml(text);
  const theirs = viaYaml(text);
  if (!theirs.ok) {
    expect(ours, `accepted what yaml rejects:\n${text}`).toBeUndefined();
    return false;
  }
  // isDeepStrictEqual, not toStrictEqual: a key named `constructor` would confuse the latter's type check
  if (ours !== undefined) expect(isDeepStrictEqual(ours, theirs.value), `${text}\nours: ${inspect(ours)}\nyaml: ${inspect(theirs.value)}`).toBe(true);
  return ours !== undefined;
}

/** Every functionConfig and TomodaApp file in the repository, as kustomize and kpt hand them over. */
function realConfigs(): string[] {
  const texts: string[] = [];
  for (const { text } of readableInputs()) {
    const at = text.indexOf('\nfunctionConfig:\n');
    if (at >= 0)
      texts.push(
        text
          .slice(at + '\nfunctionConfig:\n'.length)
          .split('\n')
          .map((l) => l.slice(2))
          .join('\n'),
      );
  }
  texts.push(readFileSync(join(ROOT, 'fn-config', 'tomoda-app.yaml'), 'utf8'));
  return texts;
}

const words = fc.constantFrom(
  'a',
  'name',
  'true',
  'True',
  'no',
  'on',
  'null',
  '~',
  '0',
  '007',
  '1.5',
  '1.0.0',
  '10m',
  '64Mi',
  '50%',
  '0x1F',
  '1e3',
  '.5',
  '-1',
  '+1',
  '2024-01-01',
  'http://x:80/y',
  'a b',
  'a #b',
  'a:b',
  "it's",
  'say "x"',
  '',
  ' ',
  '-',
  '- a',
  '|',
  '>',
  '{}',
  '[]',
  '&a',
  '*a',
  '!t',
  '#c',
  'a: b',
  'key:',
  '%',
  '---',
  '@x',
);
const key = fc.oneof(words, fc.constantFrom('__proto__', 'constructor', 'GIN_MODE', 'config.kubernetes.io/function', 'tomoda-api', '8080', 'a.b/c'));
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    words,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 20 }),
    fc.constantFrom('line\nline\n', 'a\n\n  b\n', 'x\n', 'tail\n\n', 'no newline\nat end', '\n lead'),
    tie('map'),
    tie('seq'),
  ),
  map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  seq: fc.array(tie('node'), { maxLength: 3 }),
}));
const style = fc.record({
  indentSeq: fc.boolean(),
  indent: fc.constantFrom(2, 4),
  lineWidth: fc.constantFrom(0, 20),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL') as fc.Arbitrary<'PLAIN'>,
  blockQuote: fc.constantFrom(true, 'literal', 'folded') as fc.Arbitrary<true>,
  collectionStyle: fc.constantFrom('any', 'block', 'flow') as fc.Arbitrary<'any'>,
  flowCollectionPadding: fc.boolean(),
});

/** Line-level damage: the kind of thing a hand edit or a hostile input does to a config. */
const mutate = (text: string) =>
  fc
    .array(fc.tuple(fc.nat(), fc.constantFrom('indent', 'dedent', 'tab', 'dup', 'drop', 'colon', 'hash', 'quote', 'dash', 'anchor', 'flow', 'trail')), {
      maxLength: 3,
    })
    .map((edits) => {
      const lines = text.split('\n');
      for (const [at, edit] of edits) {
        const i = at % lines.length;
        const line = lines[i]!;
        const edited: Record<string, string[]> = {
          indent: [` ${line}`],
          dedent: [line.replace(/^ /, '')],
          tab: [line.replace(/^( *)/, '$1\t')],
          dup: [line, line],
          drop: [],
          colon: [`${line}: x`],
          hash: [`${line} #c`],
          quote: [`${line}'`],
          dash: [line.replace(/^( *)/, '$1- ')],
          anchor: [line.replace(/: /, ': &a ')],
          flow: [line.replace(/: .*/, ': {a: 1}')],
          trail: [`${line}  `],
        };
        lines.splice(i, 1, ...edited[edit]!);
      }
      return lines.join('\n');
    });

describe('readBlockYaml', () => {
  it('reads every functionConfig in testdata and fn-config, as yaml does', () => {
    for (const text of realConfigs()) expectSameOrDeclined(text);
    // the block style kustomize writes is the case that matters: it must not fall back
    for (const text of realConfigs()) expect(readBlockYaml(text), text).toBeDefined();
    const prod = readFileSync(join(ROOT, 'testdata', 'prod', 'input.yaml'), 'utf8');
    expect(readBlockYaml(prod)).toStrictEqual((viaYaml(prod) as { value: unknown }).value);
  });

  it('agrees with yaml on whatever yaml writes, and reads a good share of it itself', () => {
    let accepted = 0;
    fc.assert(
      fc.property(value.map, style, (map, options) => void (expectSameOrDeclined(stringify(map, options)) && accepted++)),
      { numRuns: runs(3000) },
    );
    expect(accepted).toBeGreaterThan(runs(300));
  });

  it('never accepts a damaged config that yaml rejects, and agrees on the rest', () => {
    const texts = [...realConfigs(), readFileSync(join(ROOT, 'testdata', 'prod', 'input.yaml'), 'utf8')];
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...texts).chain(mutate), (text) => void (expectSameOrDeclined(text) && accepted++)),
      { numRuns: runs(3000) },
    );
    expect(accepted).toBeGreaterThan(runs(300));
  });

  it('reads odd white space in values as yaml does: only spaces and tabs are white space', () => {
    for (const ws of ['\u00a0', '\u2003', '\u3000', '\u200b', '\u0085', '\u2028']) {
      for (const text of [
        `mode: multi-hub${ws}`,
        `mode: multi-hub${ws} # c`,
        `mode: "multi-hub${ws}"`,
        `mode: '${ws}multi-hub'`,
        `list: [a${ws}, b]`,
        `mode: |\n  multi-hub${ws}\n`,
      ])
        expectSameOrDeclined(text);
    }
    expect(readBlockYaml('mode: "multi-hub\u00a0"')).toEqual({ mode: 'multi-hub\u00a0' });
  });

  it('declines what it does not handle', () => {
    for (const text of [
      'a: {b: {c: 1}}',
      'a: [b, [c]]',
      'a: {b: "x,y"}',
      'a: {b: c:d}',
      'a: {b}',
      'a: [b,]',
      'a: {b: 1, b: 2}',
      'a: &x 1\nb: *x',
      'a: !!str 1',
      'a: >\n  folded',
      'a: b\n  c',
      'a: 1\na: 2',
      '__proto__: 1',
      'a:\tb',
      '--- \na: 1',
      'a: 0x1F',
      'a: "\\u0041"',
    ]) {
      expect(readBlockYaml(text), text).toBeUndefined();
    }
  });
});

// An anchor and its aliases inside one item (or inside the functionConfig) are read by `yaml` for that item alone;
// every other item stays on the line scanner and keeps its bytes. Whatever the per-item path reads, the full parser
// (parse-document-list.ts) reads the same; whatever it cannot (an alias to an anchor outside the item, an alias bomb,
// a syntax error), the full parser words, with line numbers counted in the whole input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/input-error.js';
import { parseDocumentList } from '../../src/io/parse-document-list.js';
import { parseResourceList, serializeResourceList, type ResourceList } from '../../src/io/resource-list.js';
import { entryTexts, scanBlockList, splitItems, splitSections } from '../../src/io/scan-block-list.js';
import { entryLines } from '../../src/io/text.js';
import { runs, seed } from '../property/support.js';

const HEAD = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n';

const configMap = (name: string, data: string[] = ['  mode: 0644 # kept as written', '  flag: on']): string =>
  [
    `- # ${name}, byte for byte`,
    '  apiVersion: v1',
    '  kind: ConfigMap',
    '  metadata:',
    `    name: ${name}`,
    '    annotations:',
    `      internal.config.kubernetes.io/path: 'cm/${name}.yaml'`,
    '  data:',
    ...data.map((l) => `  ${l}`),
    '',
  ].join('\n');

const ANCHORED = ['  level: &level info', '  audit: *level', '  shared: &shared', '    a: 1', '  copy: *shared'];

const list = (items: string[], functionConfig = 'functionConfig:\n  kind: X\n'): string => `${HEAD}items:\n${items.join('')}${functionConfig}`;

type Outcome = { list: ResourceList } | { error: string };
function outcome(read: () => ResourceList | undefined): Outcome | undefined {
  try {
    const result = read();
    return result && { list: result };
  } catch (e) {
    if (e instanceof InputError) return { error: e.message };
    throw e;
  }
}

const roundTrip = (text: string): string => {
  const read = parseResourceList(text);
  return serializeResourceList({ apiVersion: read.apiVersion, items: read.items.map((i) => i.text), functionConfig: read.functionConfig?.text, results: [] });
};

describe('an anchor and aliases inside one item', () => {
  const text = list([configMap('first'), configMap('anchored', ANCHORED), configMap('last')]);

  it('are read by the scanner, that item alone by yaml: the same list as the full parser reads', () => {
    const fast = scanBlockList(text);
    expect(fast, 'the scanner sent the whole list to the full parser').toBeDefined();
    expect(fast).toEqual(parseDocumentList(text));
    expect(fast!.items[1]!.head).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'anchored',
      annotations: { 'internal.config.kubernetes.io/path': 'cm/anchored.yaml' },
      labels: {},
    });
  });

  it('leave every item byte for byte as it came (comments, 0644, on, the anchor and the alias)', () => {
    expect(roundTrip(text)).toBe(text);
    expect(parseResourceList(text).items[1]!.text).toContain('level: &level info\n  audit: *level');
  });

  it('in the head itself (an aliased name) are read as yaml reads them', () => {
    const named = list([configMap('first'), configMap('x').replace('name: x', 'name: &n aliased').replace('\n  data:\n', '\n  data:\n    same: *n\n')]);
    expect(scanBlockList(named)).toBeDefined();
    expect(parseResourceList(named).items[1]!.head.name).toBe('aliased');
    expect(parseResourceList(named)).toEqual(parseDocumentList(named));
  });

  it('in the functionConfig are read with the functionConfig alone, as the full parser reads them', () => {
    const config = 'functionConfig:\n  kind: X\n  spec:\n    a: &a {x: 1}\n    b: *a\n';
    const withConfig = list([configMap('first'), configMap('second')], config);
    expect(scanBlockList(withConfig)).toBeDefined();
    expect(parseResourceList(withConfig)).toEqual(parseDocumentList(withConfig));
    expect(parseResourceList(withConfig).functionConfig!.value).toEqual({ kind: 'X', spec: { a: { x: 1 }, b: { x: 1 } } });
  });
});

describe('what the per-item path cannot read goes to the full parser, which words it as before', () => {
  const expectSameError = (text: string, message: RegExp): void => {
    const full = outcome(() => parseDocumentList(text));
    expect(full).toEqual({ error: expect.stringMatching(message) });
    expect(outcome(() => parseResourceList(text))).toEqual(full);
  };

  it('an alias to an anchor in an earlier item: the same sentence', () => {
    const text = list([configMap('first', ['  level: &level info']), configMap('second'), configMap('third', ['  audit: *level'])]);
    expectSameError(text, /^items\[2\] uses the alias \*level of an anchor outside it; each item must stand alone/);
  });

  it('an alias in the functionConfig to an anchor in an item: the same sentence', () => {
    const text = list([configMap('first', ['  level: &level info'])], 'functionConfig:\n  kind: X\n  level: *level\n');
    expectSameError(text, /^the functionConfig uses the alias \*level of an anchor outside it/);
  });

  it('an alias bomb inside one item: refused, as yaml limits aliases', () => {
    const bomb = ['  a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `  ${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10)
          .fill(`*${'abcdefghi'[i - 1]}`)
          .join(', ')}]`,
      );
    const text = list([configMap('first'), configMap('bomb', bomb), configMap('last')]);
    const started = performance.now();
    expectSameError(text, /^stdin is not usable YAML: Excessive alias count/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a syntax error in a later item that holds an alias: the line and column in the whole input', () => {
    const broken = configMap('broken', [...ANCHORED, '  bad: [unclosed']);
    const text = list([configMap('first'), configMap('second'), broken]);
    const line = text.split('\n').findIndex((l) => l.includes('bad: [unclosed')) + 1;
    expect(line).toBeGreaterThan(20);
    const error = outcome(() => parseResourceList(text));
    expect(error).toEqual(outcome(() => parseDocumentList(text)));
    expect(error).toEqual({ error: expect.stringMatching(new RegExp(`^stdin is not valid YAML: line ${line + 1}, column \\d+: `)) });
  });

  it('an alias in a key the scanner does not read (results): the whole list', () => {
    const text = `${list([configMap('first')])}results:\n- message: &m hello\n- message: *m\n`;
    expect(scanBlockList(text)).toBeUndefined();
    expect(parseResourceList(text)).toEqual(parseDocumentList(text));
  });
});

describe('the per-item path and the full parser, on lists with anchors and aliases anywhere', () => {
  const item = fc.constantFrom<string[]>(
    ['  plain: value'],
    ANCHORED,
    ['  left: &left here'],
    ['  right: *left'],
    ['  cron: "*/5 * * * *"', '  star: a*b'],
    ['  seq:', '  - &e one', '  - *e'],
  );
  const config = fc.constantFrom(
    'functionConfig:\n  kind: X\n',
    'functionConfig:\n  kind: X\n  v: &c 1\n  w: *c\n',
    'functionConfig:\n  kind: X\n  v: *left\n',
  );

  it('give the same list or the same error', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), config, (data, functionConfig) => {
        const text = list(
          data.map((lines, i) => configMap(`cm-${i}`, lines)),
          functionConfig,
        );
        expect(
          outcome(() => parseResourceList(text)),
          text,
        ).toEqual(outcome(() => parseDocumentList(text)));
      }),
      { numRuns: runs(200), ...seed },
    );
  });
});

describe('items dedented a run at a time', () => {
  // Lines below an item's dash line: at the item's column or deeper, blank, a comment at column 0, or (rarely) left of
  // the column, which sends the run line by line.
  const line = fc.oneof(
    {
      weight: 20,
      arbitrary: fc
        .constantFrom('k: v', 'key:', '  nested: 1', '- entry', 'text: |', '    kept', '  # indented comment', '\tk: tab', '   ')
        .map((l) => ({ l, at: true })),
    },
    { weight: 4, arbitrary: fc.constantFrom('', '# a comment at column 0').map((l) => ({ l, at: false })) },
    { weight: 1, arbitrary: fc.constantFrom(' one space: 1', ' ', '\ttab: 1', 'column0: 1').map((l) => ({ l, at: false })) },
  );
  const entry = fc.record({
    dash: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('- ', '- # kpt comment\n  ') },
      { weight: 1, arbitrary: fc.constantFrom('-  ', '-\n  ', '- # comment\n    ', '-\t') },
    ),
    lines: fc.array(line, { maxLength: 6 }),
  });

  it('give each item the text entryLines gives it, in every layout and across runs of a megabyte', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 6 }), fc.constantFrom(0, 2), fc.constantFrom(1, 1, 1, 6000), (entries, seqIndent, copies) => {
        const pad = ' '.repeat(seqIndent);
        const one = entries
          .map(
            ({ dash, lines }) =>
              `${pad}${dash.replaceAll('\n  ', `\n${pad}  `)}apiVersion: v1${lines.map(({ l, at }) => `\n${at ? `${pad}  ` : ''}${l}`).join('')}`,
          )
          .join('\n');
        const body = `${HEAD}items:\n${Array(copies).fill(one).join('\n')}`;
        const section = splitSections(body)?.get('items');
        const split = section && splitItems(body, section);
        if (!split) return;
        const texts = entryTexts(body, split);
        expect(texts).toHaveLength(split.bounds.length / 2);
        texts.forEach((text, i) => {
          const expected = entryLines(body.slice(split.bounds[2 * i]!, split.bounds[2 * i + 1]!).split('\n'), split.seqIndent)?.join('\n');
          if (text !== expected) expect(text, `entry ${i} of\n${one}`).toBe(expected);
        });
        if (!new RegExp(`\\n(?! {${seqIndent + 2}}|\\n|$|#| {${seqIndent}}-(?: |\\n|$))`).test(body.slice(section.start))) fast++;
      }),
      { numRuns: runs(80), ...seed },
    );
    expect(fast, 'runs dedented at once').toBeGreaterThan(runs(80) / 4);
  });
});

// The line scanner takes what kustomize and kpt write itself (the full parser is the fallback, not the path), and
// what it takes it reads as the full parser does; what is not YAML it leaves to the parser, which refuses it. Written
// for the mutants of scan-block-list.ts that survived because the fallback gives the same list (docs/verification.md,
// "Mutation testing"): a scanner that declines more is slower and no other test noticed.
import { describe, expect, it } from 'vitest';
import { InputError, parseResourceList } from '../../src/io/resource-list.js';
import { parseDocumentList } from '../../src/io/parse-document-list.js';
import { scanBlockList } from '../../src/io/scan-block-list.js';

const HEAD = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n';
const ITEM =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ns\n  annotations:\n    config.kubernetes.io/index: "0"\n    other: x\n  labels:\n    app.kubernetes.io/name: a\ndata:\n  k: v';
const entry = (text: string, indent = ''): string => `${indent}- ${text.replaceAll('\n', `\n${indent}  `)}\n`;

/** Lists in the styles the runners write: the scanner must read each itself, to the same list as the full parser. */
const RUNNER_STYLES: Array<[string, string]> = [
  ['kpt (items at column 0)', `${HEAD}items:\n${entry(ITEM)}${entry(ITEM.replace('name: a', 'name: b'))}`],
  ['kustomize (items indented)', `${HEAD}items:\n${entry(ITEM, '  ')}${entry(ITEM.replace('name: a', 'name: b'), '  ')}`],
  ['a leading document marker', `---\n${HEAD}items:\n${entry(ITEM)}`],
  ['comments and blank lines between keys and items', `# generated\n${HEAD}\nitems:\n# first\n${entry(ITEM)}\n${entry(ITEM.replace('name: a', 'name: b'))}`],
  ['no final line break', `${HEAD}items:\n${entry(ITEM)}`.slice(0, -1)],
  ['no items', `${HEAD}items: []\n`],
  ['the v1alpha1 list', `apiVersion: config.kubernetes.io/v1alpha1\nkind: ResourceList\nitems:\n${entry(ITEM)}`],
  ['a functionConfig below the items', `${HEAD}items:\n${entry(ITEM)}functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data:\n    a: "1"\n`],
  ['a functionConfig above the items', `${HEAD}functionConfig:\n  a: [x, y]\n  b: {c: d}\nitems:\n${entry(ITEM)}`],
  ['an item with a block scalar and its kept blank lines', `${HEAD}items:\n${entry(`${ITEM}\n  script: |+\n    echo a\n\n    echo b\n\n  after: 1`)}`],
  ['an item with a folded scalar under a sequence', `${HEAD}items:\n${entry(`${ITEM}\n  list:\n  - >-\n    folded\n    text\n  - b`)}`],
  ['an item whose map starts below its dash, after a comment', `${HEAD}items:\n- # from kpt\n  ${ITEM.replaceAll('\n', '\n  ')}\n`],
  ['an item whose map starts below a bare dash', `${HEAD}items:\n-\n  ${ITEM.replaceAll('\n', '\n  ')}\n`],
  ["a sequence at its key's column (kyaml)", `${HEAD}items:\n${entry(`${ITEM}\n  list:\n  - a\n  - b: 1\n    c: 2`)}`],
  ['flow values and quotes that close on their line', `${HEAD}items:\n${entry(`${ITEM}\n  f: [a, "b]", 'c''d']\n  g: {x: "}"}\n  h: "a # b"`)}`],
  ['a cron schedule, which is no alias', `${HEAD}items:\n${entry(`${ITEM}\n  schedule: "*/5 * * * *"\n  s2: '* * * * *'`)}`],
  ['anchors and tags alone on a line', `${HEAD}items:\n${entry(`${ITEM}\n  t: !!str\n    text\n  m: &m\n    a: 1`)}`],
];

describe('the line scanner', () => {
  it.each(RUNNER_STYLES)('reads %s itself, as the full parser reads it', (_, text) => {
    const fast = scanBlockList(text);
    expect(fast).toBeDefined();
    expect(fast).toEqual(parseDocumentList(text));
  });

  it('reads the heads of items and the functionConfig', () => {
    const list = scanBlockList(RUNNER_STYLES.find(([what]) => what === 'a functionConfig below the items')![1])!;
    expect(list.items[0]!.head).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'a',
      namespace: 'ns',
      annotations: { 'config.kubernetes.io/index': '0' },
      labels: { 'app.kubernetes.io/name': 'a' },
    });
    expect(list.items[0]!.text).toBe(ITEM);
    expect(list.functionConfig).toEqual({
      value: { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } },
      text: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "1"',
    });
  });

  it.each([
    ['another kind', `apiVersion: config.kubernetes.io/v1\nkind: List\nitems: []\n`],
    ['another apiVersion', `apiVersion: v1\nkind: ResourceList\nitems: []\n`],
    ['no items', HEAD],
    ['a duplicate key', `${HEAD}items: []\nitems: []\n`],
    ['a document marker after the first line', `${HEAD}items: []\n---\n`],
    ['a tab after a dash', `${HEAD}items:\n-\tkind: A\n`],
    ['an alias to an anchor in another item', `${HEAD}items:\n- kind: A\n  a: &x 1\n- kind: B\n  b: *x\n`],
    ['items in flow style with entries', `${HEAD}items: [{kind: A}]\n`],
    ['an entry deeper than the first', `${HEAD}items:\n- kind: A\n  - kind: B\n`],
    ['a line left of the items', `${HEAD}items:\n  - kind: A\n - kind: B\n`],
  ])('leaves %s to the full parser', (_, text) => {
    expect(scanBlockList(text)).toBeUndefined();
  });
});

describe('items that are not YAML', () => {
  const refused = (text: string): string => {
    try {
      parseResourceList(text);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('expected an InputError');
  };

  it.each([
    ['a line deeper than a closed value', `${HEAD}items:\n- kind: A\n  metadata:\n    name: a\n      extra: 1\n`, /line 6, column 11: Nested mappings/],
    ['a line back at a column nothing opened', `${HEAD}items:\n- kind: A\n  metadata:\n      name: a\n    ns: b\n`, /line 7, column 5: All mapping items/],
    ['a block scalar line left of its first line', `${HEAD}items:\n- kind: A\n  data:\n    s: |\n        a\n      b\n`, /line 8/],
    ['a key deeper than the line after a block scalar', `${HEAD}items:\n- kind: A\n  s: |\n    a\n  t: 1\n    u: 2\n`, /line 7, column 6: Nested mappings/],
    ['a tab in an item', `${HEAD}items:\n- kind: A\n  metadata:\n  \tname: a\n`, /not valid YAML/],
    ['a sequence entry among keys', `${HEAD}items:\n- kind: A\n  metadata:\n    name: a\n  - b\n`, /line 7/],
  ])('refuses %s', (_, text, message) => {
    expect(refused(text)).toMatch(message);
  });

  it('refuses a list of another kind even with items', () => {
    expect(refused('apiVersion: config.kubernetes.io/v1\nkind: List\nitems:\n- kind: A\n')).toBe('stdin must hold a ResourceList, but its kind is List');
    expect(refused('apiVersion: v9\nkind: ResourceList\nitems:\n- kind: A\n')).toBe('the ResourceList apiVersion must be config.kubernetes.io/v1, not "v9"');
  });
});

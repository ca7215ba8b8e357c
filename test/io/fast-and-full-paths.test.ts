// The fast readers and the `yaml` document model must read the same input the same way: the item-head reader
// against the full parser's head, the line scanner against the full-parser path for a whole ResourceList, and the
// function's output for a list sent as block YAML against the same list sent as JSON. Inputs are items written
// the way people and runners write them, with head values of every scalar kind (numbers, booleans, nulls, odd
// whitespace, quotes, comments, continuation lines), kept blank lines, comments between items, and damage.
import fc from 'fast-check';
import { inspect, isDeepStrictEqual } from 'node:util';
import { parse, parseDocument, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { headOf, readItemHead } from '../../src/io/item-head.js';
import { InputError } from '../../src/io/input-error.js';
import { isTrackedKey, type ResourceList } from '../../src/io/list-shape.js';
import { parseDocumentList } from '../../src/io/parse-document-list.js';
import { scanBlockList } from '../../src/io/scan-block-list.js';
import { indentRest } from '../../src/io/text.js';
import { minimalConfig } from '../support/apps.js';
import { runInProcess, runs, seed } from '../property/support.js';
import { readableInputs } from '../support/testdata.js';

/** Head values: strings the fast reader should take, and everything it must leave to the parser or refuse alike. */
const HEAD_VALUES = [
  'keep-a',
  '"keep-b"',
  "'keep-c'",
  'keep-d # a comment',
  'keep-e   ',
  'api',
  '"api"',
  '123',
  '"123"',
  '0x1F',
  '0o17',
  '1.5',
  '007',
  '1e3',
  '1_000',
  'true',
  'True',
  'yes',
  'on',
  '~',
  'null',
  '',
  '"multi-hub\u00a0"',
  'multi-hub\u00a0',
  '"multi-hub\\u00a0"',
  '\u00a0lead',
  'trail\u2003',
  '" lead"',
  "'it''s'",
  '"a\\tb"',
  '"a #b"',
  "'a' # c",
  '&x anchored',
  '!!str 456',
  '{}',
  '[a]',
  '|',
  'a: b',
  'a #b',
  'a#b',
  '"open',
  'x\u3000y',
];
const ANNOTATION_KEYS = [
  'internal.config.kubernetes.io/path',
  'config.kubernetes.io/index',
  'app.kubernetes.io/part-of',
  'example.com/note',
  '"app.kubernetes.io/name"',
];

const headValue = fc.constantFrom(...HEAD_VALUES);
const continuation = fc.option(fc.constantFrom('more words', '- x', 'k: v', '# comment'), { nil: undefined, freq: 6 });

/** One item's lines at column 0: apiVersion, kind, metadata and a body, in some order, sometimes damaged. */
const itemLines = fc
  .record({
    apiVersion: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('v1', 'apps/v1') }, headValue),
    kind: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('ConfigMap', 'Deployment') }, headValue),
    name: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('keep-a', 'api', 'x') }, headValue),
    nameMore: continuation,
    namespace: fc.option(headValue, { nil: undefined, freq: 2 }),
    annotations: fc.array(
      fc.tuple(fc.constantFrom(...ANNOTATION_KEYS), fc.oneof({ weight: 3, arbitrary: fc.constantFrom("'0'", 'a/b.yaml', '"x"') }, headValue)),
      { maxLength: 3 },
    ),
    labelsStyle: fc.constantFrom('none', 'empty', 'block', 'seq-at-key'),
    body: fc.constantFrom(
      ['data:', '  mode: 0644', '  flag: on'],
      ['data:', '  kept: |+', '    text', '', ''],
      ['data:', '  script: |', '    line', '', '      indented', '  # a comment', '  after: x'],
      ['spec:', '  schedule: "*/5 * * * *"', '  list:', '  - a', '  -   b'],
      ['spec: {a: 1, b: [x, "y"]}'],
      ['data:', '  anchored: &a value', '  alias: *a'],
      ['data:', '  "quoted key": v', '  true: 1', '  True: 2'],
    ),
    order: fc.constantFrom(0, 1, 2),
    damage: fc.option(fc.tuple(fc.nat(), fc.constantFrom('dedent', 'indent', 'dup', 'tab', 'nul')), { nil: undefined, freq: 6 }),
  })
  .map((r) => {
    const metadata = ['metadata:', `  name:${r.name ? ` ${r.name}` : ''}`, ...(r.nameMore ? [`    ${r.nameMore}`] : [])];
    if (r.namespace !== undefined) metadata.push(`  namespace: ${r.namespace}`);
    if (r.annotations.length) metadata.push('  annotations:', ...r.annotations.map(([k, v]) => `    ${k}: ${v}`));
    if (r.labelsStyle === 'empty') metadata.push('  labels: {}');
    if (r.labelsStyle === 'block') metadata.push('  labels:', '    app.kubernetes.io/managed-by: tomoda-app-fn', '    app.kubernetes.io/part-of: demo');
    if (r.labelsStyle === 'seq-at-key') metadata.push('  finalizers:', '  - a');
    const head = [`apiVersion: ${r.apiVersion}`, `kind: ${r.kind}`];
    const parts = r.order === 0 ? [head, metadata, r.body] : r.order === 1 ? [metadata, head, r.body] : [r.body, head, metadata];
    const lines = parts.flat();
    if (r.damage) {
      const [at, how] = r.damage;
      const i = 1 + (at % (lines.length - 1));
      const line = lines[i]!;
      const edited = { dedent: line.replace(/^ /, ''), indent: ` ${line}`, dup: `${line}\n${line}`, tab: line.replace(/^( *)/, '$1\t'), nul: `${line}\u0000` }[
        how
      ];
      lines.splice(i, 1, ...edited.split('\n'));
    }
    return lines;
  });

/**
 * Where `yaml`'s first error in an item lies: in what the head reader reads (apiVersion, kind, and metadata's name,
 * namespace, annotations and labels) or elsewhere. The fast path reads only heads; the rest passes through as the
 * bytes it came as, so an error there is not the reader's to find.
 */
const INDENTATION_ERRORS = new Set(['BAD_INDENT', 'MULTILINE_IMPLICIT_KEY', 'BLOCK_AS_IMPLICIT_KEY']);

function yamlErrorIn(text: string, indentationChecked = true): 'head' | 'body' | undefined {
  const error = parseDocument(text, { uniqueKeys: true }).errors[0];
  if (!error) return undefined;
  const lines = text.split('\n');
  const at = Math.min(text.slice(0, error.pos[0]).split('\n').length - 1, lines.length - 1);
  let top = '';
  let inMetadata = '';
  for (let i = 0; i <= at; i++) {
    const line = lines[i]!;
    const topKey = /^([A-Za-z]\w*):/.exec(line)?.[1];
    if (topKey) [top, inMetadata] = [topKey, ''];
    else if (top === 'metadata' && /^  [A-Za-z"]/.test(line)) inMetadata = /^  "?([A-Za-z]\w*)/.exec(line)![1]!;
  }
  const head = top === 'apiVersion' || top === 'kind' || (top === 'metadata' && ['', 'name', 'namespace', 'annotations', 'labels'].includes(inMetadata));
  // The scanner checks indentation everywhere (a line that comes back to a column nothing opened, or goes deeper under
  // a scalar); the head reader alone does not.
  return head || (indentationChecked && INDENTATION_ERRORS.has(error.code)) ? 'head' : 'body';
}

/** The head as the full parser reads it: undefined when `yaml` rejects the text or headOf refuses the value. */
function fullHead(text: string) {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) return { error: doc.errors[0]!.message };
  try {
    return { head: headOf(doc.toJS({ maxAliasCount: 100 }), isTrackedKey) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('the item-head reader', () => {
  it('reads what the full parser reads, or declines', () => {
    let accepted = 0;
    fc.assert(
      fc.property(itemLines, (lines) => {
        const text = lines.join('\n');
        const fast = readItemHead(text, isTrackedKey);
        if (fast === undefined) return;
        accepted++;
        if (text.includes('\u0000') || yamlErrorIn(text) === 'body') return; // a NUL never reaches the readers (resource-list.ts refuses it)
        const full = fullHead(text);
        expect(full, `${text}\nfast: ${inspect(fast)}`).toEqual({ head: fast });
      }),
      { numRuns: runs(3000), ...seed },
    );
    expect(accepted).toBeGreaterThan(runs(3000) / 20);
  });

  it('accepts the heads kustomize and kpt write', () => {
    const items = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: prod\n  labels:\n    app.kubernetes.io/managed-by: tomoda-app-fn\n  annotations:\n    config.kubernetes.io/index: \'0\'\n    internal.config.kubernetes.io/path: "apps/api.yaml"\nspec:\n  replicas: 2',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings # kept\n  annotations: {}\ndata:\n  mode: 0644',
      'kind: Service\napiVersion: v1\nmetadata:\n  finalizers:\n  - x\n  name: web\nspec: {}',
    ];
    for (const text of items) {
      const fast = readItemHead(text, isTrackedKey);
      expect(fast, text).toBeDefined();
      expect(fullHead(text)).toEqual({ head: fast });
    }
  });

  it('leaves mis-indented lines anywhere in an item to the parser, which reports them', () => {
    const item = '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n  data:\n    a: "1"\n    b:\n      c: "2"\n';
    const list = (items: string) => `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}`;
    expect(scanBlockList(list(item))).toBeDefined();
    for (const damaged of [
      item.replace('    b:\n      c', '    b:\n     c').replace('c: "2"', 'c: "2"\n      d: 3'),
      item.replace('    a: "1"', '    a: "1"\n      z: 1'),
      item.replace('    b:', '   b:'),
    ]) {
      expect(scanBlockList(list(damaged)), damaged).toBeUndefined();
      expect(() => parseDocumentList(list(damaged)), damaged).toThrowError(/not valid YAML/);
    }
  });

  it('leaves non-string identities, continuation lines and odd keys to the parser', () => {
    for (const text of [
      'kind: X\nmetadata:\n  name: 123',
      'kind: X\nmetadata:\n  name: true',
      'kind: X\nmetadata:\n  name: a\n    b',
      'kind: X\nmetadata:\n  true: 1\n  True: 2\n  name: a',
      `kind: X\nmetadata:\n  ${'k'.repeat(1100)}: 1\n  name: a`,
    ]) {
      expect(readItemHead(text, isTrackedKey), text).toBeUndefined();
    }
  });
});

// ---- whole lists ---------------------------------------------------------------------------------------

const CONFIG = (pool: string): string =>
  `functionConfig:\n  ${indentRest(stringify({ ...minimalConfig(), spec: { ...minimalConfig().spec, backend: { ...minimalConfig().spec.backend, pools: { [pool]: { mode: 'multi-hub' } } } } }).trimEnd(), '  ')}\n`;

const blockList = fc
  .record({
    items: fc.array(itemLines, { minLength: 1, maxLength: 4 }),
    seqIndent: fc.boolean(),
    between: fc.array(fc.constantFrom('', '# between items', '  # indented comment', '   '), { maxLength: 2 }),
    pool: fc.constantFrom('api', '123', 'keep-a'),
    withConfig: fc.boolean(),
  })
  .map(({ items, seqIndent, between, pool, withConfig }) => {
    const prefix = seqIndent ? '  ' : '';
    const entries = items.map((lines) => `${prefix}- ${indentRest(lines.join('\n'), `${prefix}  `)}\n${between.map((l) => `${l}\n`).join('')}`).join('');
    return `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${entries}${withConfig ? CONFIG(pool) : ''}`;
  });

type Outcome = { list: ResourceList } | { error: string };
function outcome(read: () => ResourceList | undefined): Outcome | undefined {
  try {
    const list = read();
    return list && { list };
  } catch (e) {
    if (e instanceof InputError) return { error: e.message };
    throw e;
  }
}

describe('the line scanner and the full parser', () => {
  it('give the same list (item texts, heads, functionConfig), or the scanner declines', () => {
    let accepted = 0;
    fc.assert(
      fc.property(blockList, (text) => {
        if (text.includes('\u0000')) return; // never reaches the readers (resource-list.ts refuses it)
        const fast = outcome(() => scanBlockList(text));
        if (fast === undefined) return;
        accepted++;
        const full = outcome(() => parseDocumentList(text));
        if ('error' in fast) expect(full, text).toHaveProperty('error');
        else if (full && 'error' in full)
          expect(
            fast.list.items.some((item) => yamlErrorIn(item.text) === 'body'),
            `${text}\n${full.error}`,
          ).toBe(true);
        else expect(isDeepStrictEqual(full, fast), `${text}\nfast: ${inspect(fast, { depth: 5 })}\nfull: ${inspect(full, { depth: 5 })}`).toBe(true);
      }),
      { numRuns: runs(1500), ...seed },
    );
    expect(accepted).toBeGreaterThan(runs(1500) / 100);
  });
});

describe('the line scanner on what runners send', () => {
  // Cases written to reach the full parser: the scanner leaves them to it by design.
  const FULL_PARSER_CASES = ['anchor-before-first-key'];

  it('reads every block-style ResourceList in testdata itself, as the full parser reads it', () => {
    let read = 0;
    for (const { name, text, list } of readableInputs()) {
      if (text.trimStart().startsWith('{')) continue;
      const fast = scanBlockList(text);
      if (FULL_PARSER_CASES.includes(name)) {
        expect(fast, name).toBeUndefined();
        continue;
      }
      expect(fast, name).toBeDefined();
      expect(fast).toEqual(list);
      read++;
    }
    expect(read).toBeGreaterThanOrEqual(10);
  });
});

describe('block YAML and JSON', () => {
  it('the same ResourceList sent either way gives the same output objects and the same errors', () => {
    fc.assert(
      fc.property(blockList, (text) => {
        const doc = parseDocument(text, { uniqueKeys: true });
        if (doc.errors.length || /\*|&|\u0000/.test(text)) return; // JSON has no anchors; invalid YAML has no JSON form
        const json = JSON.stringify(doc.toJS());
        const block = runInProcess(text);
        const flow = runInProcess(json);
        const context = `${text}\n--- block:\n${block.stdout}${block.stderr}\n--- json:\n${flow.stdout}${flow.stderr}`;
        expect(flow.code, context).toBe(block.code);
        expect(flow.stderr, context).toBe(block.stderr);
        // Read as the core schema reads both: the block items keep their text, the JSON ones are re-serialised.
        const items = (out: string) => (parse(out) as { items?: unknown[] } | null)?.items;
        expect(items(flow.stdout), context).toEqual(items(block.stdout));
      }),
      { numRuns: runs(300), ...seed },
    );
  });

  it('a pool and a pass-through Deployment whose name is a number in YAML: refused alike, never one Deployment on one path and two on the other', () => {
    const item = '- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: 123\n';
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${item}${CONFIG('123')}`;
    const runs = [
      text,
      `${text.replace('items:\n', 'items:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: flow}}\n')}`,
      JSON.stringify(parse(text)),
    ].map(runInProcess);
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/items\[\d\]: metadata\.name is the number 123, not a string/);
    }
  });
});

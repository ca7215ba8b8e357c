// Nothing lost: random pass-through items, written the way people and runners write YAML (comments, YAML 1.1
// values such as 0644, yes, on and dates, quoting, block scalars, flow maps, key order), come out of the function
// with their text unchanged, in order, with and without a TomodaApp to expand. JSON input is re-serialised (kpt
// writes back what it gets), so there the values must survive instead.
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runFn } from '../support/run-fn.js';
import { indentRest } from '../../src/io/text.js';
import { minimalConfig } from '../support/apps.js';
import { resourceList, runInProcess, runs, seed } from './support.js';
import { stringify } from 'yaml';

// ---- block-style item text -------------------------------------------------------------------------

/** Scalars as they appear in hand-written files; the YAML 1.1 ones are those a careless re-serialiser changes. */
const scalarToken = fc.oneof(
  fc.constantFrom(
    '0644',
    '0755',
    '0x1F',
    '1e3',
    '+12',
    '.5',
    '1_000',
    '0o17',
    'yes',
    'no',
    'on',
    'off',
    'y',
    'n',
    'Y',
    'NO',
    'true',
    'False',
    '~',
    'null',
    '',
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    '2024-01-01T00:00:00Z',
    '12:30:45',
    '.inf',
    '-.Inf',
    '.NaN',
    'plain words here',
    'http://example.com/a?b=c#frag',
  ),
  fc.constantFrom("'0644'", '"yes"', "'on'", '"2001-12-14"', "'it''s'", '"tab\\there \\"quoted\\" \\u00e9"', "''", '""', '"multi\\nline"'),
  fc.constantFrom('multi-hub\u00a0', '"multi-hub\u00a0"', '\u2003lead', '"*/5 * * * *"', "'* * * * *'", '0o17', '0X1F', '0b1'),
  fc.stringMatching(/^[a-z][a-z0-9 ._\/-]{0,20}[a-z0-9]$/),
  fc.integer().map(String),
);
// One YAML 1.1 boolean word at most: on, yes and y are all the key true there, so two of them would be duplicates.
const key = fc.oneof(
  fc.stringMatching(/^[a-z][a-zA-Z0-9_.-]{0,15}$/).filter((k) => !/^(y|n|yes|no|on|off|true|false|null)$/i.test(k)),
  fc.constantFrom('on', 'null', '0644', "'quoted key'", '"double"', 'example.com/annotated'),
);
const comment = fc.constantFrom('# a comment', '#no space', '# key: value inside a comment', '# - dash', '#');

interface Block {
  /** Lines at column 0 of this block, to be indented by the parent. */
  lines: string[];
}

const leaf = (depth: number): fc.Arbitrary<string[]> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(key, scalarToken, fc.option(comment, { nil: undefined })).map(([k, v, c]) => [`${k}:${v === '' ? '' : ` ${v}`}${c ? ` ${c}` : ''}`]),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          key,
          fc.constantFrom('|', '|-', '>', '>-', '|+'),
          fc.array(fc.stringMatching(/^([a-z0-9:#'"-][ a-z0-9:#'"-]{0,19})?$/), { minLength: 1, maxLength: 3 }),
        )
        .map(([k, style, body]) => [`${k}: ${style}`, ...body.map((line) => (line ? `  ${line}` : ''))]),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(key, fc.constantFrom('{a: 1, b: [x, "y"]}', '[]', '{}', '[0644, on, 2001-12-14]', '{ "json": true }'))
        .map(([k, flow]) => [`${k}: ${flow}`]),
    },
    {
      weight: depth > 0 ? 2 : 0,
      arbitrary: fc
        .tuple(key, fc.array(scalarToken, { minLength: 1, maxLength: 3 }), fc.boolean())
        .map(([k, items, indented]) => [`${k}:`, ...items.map((v) => `${indented ? '  ' : ''}- ${v || "''"}`)]),
    },
    {
      weight: depth > 0 ? 2 : 0,
      arbitrary: fc.tuple(key, fc.constant(depth)).chain(([k]) => block(depth - 1).map((b) => [`${k}:`, ...b.lines.map((l) => (l ? `  ${l}` : l))])),
    },
    { weight: 1, arbitrary: comment.map((c) => [c]) },
  );

const block = (depth: number): fc.Arbitrary<Block> =>
  fc.array(leaf(depth), { minLength: 1, maxLength: 5 }).map((parts) => ({ lines: dedupeKeys(parts).flat() }));

/** Keys must be unique within a map; later duplicates become `<key>_<n>`. */
function dedupeKeys(parts: string[][]): string[][] {
  const seen = new Set<string>();
  return parts.map((lines, i) => {
    const match = /^([^#\s][^:]*):/.exec(lines[0]!);
    if (!match) return lines;
    const name = match[1]!;
    const unique = seen.has(name) ? `k${i}_${name.replace(/['"]/g, '')}` : name;
    seen.add(unique);
    return unique === name ? lines : [`${unique}${lines[0]!.slice(name.length)}`, ...lines.slice(1)];
  });
}

const annotations = fc.dictionary(
  fc.constantFrom(
    'internal.config.kubernetes.io/path',
    'config.kubernetes.io/path',
    'internal.config.kubernetes.io/id',
    'config.k8s.io/id',
    'kustomize.config.k8s.io/behavior',
    'example.com/note',
    'mode',
  ),
  fc.constantFrom("'0644'", "'on'", '"3"', "'apps/keep.yaml'", 'merge', '"yes"', '|\n  multi\n  line'),
  { maxKeys: 3 },
);

/** One item: apiVersion, kind and metadata (in any order) around a random body. */
const itemText = fc
  .record({
    apiVersion: fc.constantFrom('v1', 'apps/v1', 'example.com/v1alpha1', 'tomoda.life/v1alpha1'),
    kind: fc.constantFrom('ConfigMap', 'Deployment', 'Widget', 'Secret'),
    name: fc.stringMatching(/^[a-z0-9]{1,10}$/).map((n) => `keep-${n}`),
    annotations,
    body: block(2),
    order: fc.constantFrom(0, 1, 2),
    headComment: fc.option(comment, { nil: undefined }),
  })
  .map(({ apiVersion, kind, name, annotations: notes, body, order, headComment }) => {
    const metadata = [
      'metadata:',
      `  name: ${name}`,
      ...(Object.keys(notes).length
        ? [
            '  annotations:',
            ...Object.entries(notes).flatMap(([k, v]) =>
              v.startsWith('|')
                ? [
                    `    ${k}: |`,
                    ...v
                      .split('\n')
                      .slice(1)
                      .map((l) => `    ${l}`),
                  ]
                : [`    ${k}: ${v}`],
            ),
          ]
        : []),
    ];
    const head = [`apiVersion: ${apiVersion}`, `kind: ${kind}`];
    const parts = [head, metadata, ['data:', ...body.lines.map((l) => (l ? `  ${l}` : l))]];
    const ordered = order === 0 ? parts : order === 1 ? [parts[1]!, parts[0]!, parts[2]!] : [parts[2]!, parts[0]!, parts[1]!];
    return [...(headComment ? [headComment] : []), ...ordered.flat()].join('\n').replace(/\n+$/, '');
  });

const items = fc.uniqueArray(itemText, { minLength: 1, maxLength: 6, selector: (text) => /name: (keep-[a-z0-9]+)/.exec(text)![1] });

function blockList(texts: string[], seqIndent: boolean, config: string | undefined): string {
  const prefix = seqIndent ? '  ' : '';
  const entries = texts.map((text) => `${prefix}- ${indentRest(text, `${prefix}  `)}\n`).join('');
  return `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${entries}${config ?? ''}`;
}

const ANCHORED_ITEM =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: anchored\ndata:\n  a: &shared value\n  b: *shared\n  kept: |+\n    text\n\n  after: x';

/** The TomodaApp as kustomize's generator mode also hands it over: an item with local-config, which stays as it is. */
const CONFIG_ITEM = stringify({ ...minimalConfig(), metadata: { name: 'demo', annotations: { 'config.kubernetes.io/local-config': 'true' } } }).trimEnd();
const CONFIG = `functionConfig:\n  ${indentRest(stringify(minimalConfig()).trimEnd(), '  ')}\n`;

/** The output's items, as text at column 0 (serializeResourceList writes each as "- " plus a two-space indent). */
function outputItems(stdout: string): string[] {
  const start = stdout.indexOf('\nitems:\n');
  if (start < 0) return [];
  const lines = stdout.slice(start + '\nitems:\n'.length).split('\n');
  const out: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('- ') || line === '-') out.push([line.slice(2)]);
    else if (line.startsWith('  ') || line === '') out.at(-1)?.push(line.slice(2));
    else break;
  }
  return out.map((entry) => entry.join('\n').replace(/\n+$/, ''));
}

const valuesOf = (text: string): unknown => parse(text, { version: '1.1' });

describe('pass-through items', () => {
  it(
    'come out byte for byte, in order, with and without a TomodaApp (block-style input), on the fast and the full path',
    () => {
      fc.assert(
        fc.property(
          items,
          fc.boolean(),
          fc.constantFrom('none', 'config', 'config and item'),
          fc.boolean(),
          (generatedTexts, seqIndent, app, viaFullParser) => {
            const withApp = app !== 'none';
            // An item holding an anchor and its alias sends the whole list to the full parser, which must keep the same bytes.
            const texts = [...generatedTexts, ...(app === 'config and item' ? [CONFIG_ITEM] : []), ...(viaFullParser ? [ANCHORED_ITEM] : [])];
            for (const text of texts) expect(() => valuesOf(text), text).not.toThrow();
            const run = runInProcess(blockList(texts, seqIndent, withApp ? CONFIG : undefined));
            expect(run.code, run.stderr).toBe(withApp ? 0 : 1);
            const out = outputItems(run.stdout);
            expect(out.slice(0, texts.length)).toEqual(texts);
            if (!withApp) expect(out).toHaveLength(texts.length);
            // and as a runner reads them: the same values under YAML 1.1
            expect(out.slice(0, texts.length).map(valuesOf)).toEqual(texts.map(valuesOf));
          },
        ),
        { numRuns: runs(200), ...seed },
      );
    },
    runs(60_000),
  );

  it(
    'come out byte for byte through the bundle',
    () => {
      fc.assert(
        fc.property(items, fc.boolean(), (texts, seqIndent) => {
          const run = runFn(blockList(texts, seqIndent, CONFIG));
          expect(run.code, run.stderr).toBe(0);
          expect(outputItems(run.stdout).slice(0, texts.length)).toEqual(texts);
        }),
        { numRuns: runs(10), endOnFailure: true, ...seed },
      );
    },
    runs(60_000),
  );

  it(
    'keep their values when the input is JSON',
    () => {
      const jsonKey = fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom('on', 'yes', 'y', 'no', 'null', '~', '0644', '1e3', '2001-12-14', 'true', '<<', '=', '? x', '- x', '#x', 'a: b'),
      );
      const jsonLeaf = fc.oneof(
        fc.constantFrom('0644', 'on', 'yes', 'No', 'y', '~', 'null', '', '2001-12-14', '12:30', '1e3', '0x1F', '.inf', '<<', 'multi\nline\n', ' lead'),
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
      );
      const jsonTree = fc.letrec((tie) => ({
        node: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          jsonLeaf,
          fc.array(tie('node'), { maxLength: 3 }),
          fc.dictionary(jsonKey, tie('node'), { maxKeys: 4 }),
        ),
      })).node;
      const jsonItem = fc
        .tuple(fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.dictionary(jsonKey, jsonTree, { maxKeys: 4 }), fc.dictionary(jsonKey, fc.string(), { maxKeys: 2 }))
        .map(([name, data, notes]) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `keep-${name}`, annotations: notes }, data }));
      fc.assert(
        fc.property(fc.uniqueArray(jsonItem, { minLength: 1, maxLength: 4, selector: (i) => i.metadata.name }), fc.boolean(), (values, withApp) => {
          const input = JSON.stringify({
            apiVersion: 'config.kubernetes.io/v1',
            kind: 'ResourceList',
            items: values,
            ...(withApp ? { functionConfig: minimalConfig() } : {}),
          });
          const run = runInProcess(input);
          expect(run.code, run.stderr).toBe(withApp ? 0 : 1);
          const out = (parse(run.stdout, { version: '1.1' }) as { items: unknown[] }).items;
          expect(out.slice(0, values.length)).toEqual(values);
        }),
        { numRuns: runs(150), ...seed },
      );
    },
    runs(60_000),
  );
});

export { resourceList };

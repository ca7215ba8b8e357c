// Hostile and malformed input, through the bundle as a runner runs it: each case exits 1 with one line on
// stderr that names the problem (and the field path where there is one), no stack trace, no generated objects,
// within a time limit and a heap of 256 MiB. Plus: no prototype is polluted, and an internal bug still ends in
// one line and exit 1 with nothing on stdout.
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { BUNDLE, ROOT, runNode } from './support/run-fn.js';
import { minimalConfig } from './support/apps.js';

const HEAP_MB = 256;
const TIME_LIMIT_MS = 10_000;

function run(input: string | Buffer, preload?: string) {
  const started = Date.now();
  const result = runNode([`--max-old-space-size=${HEAP_MB}`, ...(preload ? ['-r', preload] : []), BUNDLE], input);
  return { ...result, ms: Date.now() - started };
}

const LIST = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n';
const yamlList = (body: Record<string, unknown>): string => stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', ...body });
const withConfig = (change: (config: Record<string, any>) => void, items: unknown[] = []): string => {
  const config = minimalConfig();
  change(config);
  return yamlList({ items, functionConfig: config });
};
const indent = (text: string, by: string): string => text.replace(/^(?=.)/gm, by);
const CONFIG = `functionConfig:\n${indent(stringify(minimalConfig()), '  ')}`;

const BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
].join('\n');
const deepBlock = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}a:`).join('\n') + `\n${'  '.repeat(depth)}b: 1`;

/**
 * [name, stdin, what the one stderr line must say, what stdout holds]: nothing when the input could not be read as a
 * ResourceList, else the whole list (the input items and the results) that a runner reads the results from.
 */
const CASES: Array<[string, string | Buffer, RegExp, 'nothing' | 'list']> = [
  ['empty stdin', '', /stdin is empty/, 'nothing'],
  ['only whitespace', ' \n\t\n', /stdin is empty/, 'nothing'],
  ['text that is not YAML', '{{{: [\n', /stdin is not valid YAML/, 'nothing'],
  ['prose', 'Hello, this is not a ResourceList: really.\n', /must hold a ResourceList/, 'nothing'],
  ['invalid UTF-8', Buffer.from([0x61, 0x70, 0x69, 0xff, 0xfe, 0x3a, 0x0a]), /not valid UTF-8/, 'nothing'],
  ['binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /not valid UTF-8/, 'nothing'],
  ['a NUL byte', `${LIST}items: []\n\u0000\n`, /not valid YAML/, 'nothing'],
  ['a YAML scalar', 'hello\n', /must hold a ResourceList .*not the string "hello"/, 'nothing'],
  ['a YAML list', '- a\n- b\n', /must hold a ResourceList .*not a list/, 'nothing'],
  [
    'YAML that is not a ResourceList',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n',
    /must hold a ResourceList, but its kind is Deployment/,
    'nothing',
  ],
  [
    'a ResourceList of an unknown version',
    'apiVersion: config.kubernetes.io/v2\nkind: ResourceList\nitems: []\n',
    /apiVersion must be config\.kubernetes\.io\/v1/,
    'nothing',
  ],
  ['no items', `${LIST}functionConfig: {}\n`, /has no items/, 'nothing'],
  ['items that is a number', `${LIST}items: 5\n`, /items must be a list, not the number 5/, 'nothing'],
  ['items that is a map', `${LIST}items:\n  a: 1\n`, /items must be a list, not a map/, 'nothing'],
  ['an item that is not a map', `${LIST}items:\n- 5\n`, /items\[0\] must be a Kubernetes object/, 'nothing'],
  ['no functionConfig', `${LIST}items: []\n`, /no functionConfig/, 'list'],
  ['a functionConfig that is a list', `${LIST}items: []\nfunctionConfig: [1]\n`, /must be a TomodaApp object .*not a list/, 'list'],
  [
    'a functionConfig of another kind',
    yamlList({ items: [], functionConfig: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } }),
    /kind: this function reads kind TomodaApp .*ConfigMap \(v1\)/,
    'list',
  ],
  ['a functionConfig of an unknown version', withConfig((c) => (c.apiVersion = 'tomoda.life/v2')), /apiVersion: unknown version "tomoda\.life\/v2"/, 'list'],
  [
    'an unknown field',
    withConfig((c) => (c.spec.backend.pools.api.replica = 2)),
    /spec\.backend\.pools\.api\.replica: unknown field "replica"; did you mean "replicas"\?/,
    'list',
  ],
  ['an invalid name', withConfig((c) => (c.metadata.name = 'Demo_App')), /metadata\.name: must be a DNS-1123 label/, 'list'],
  [
    'an invalid pool name',
    withConfig((c) => (c.spec.backend.pools = { 'Web Pool': { mode: 'm' } })),
    /spec\.backend\.pools\["Web Pool"\]: the key must be a DNS-1123 label/,
    'list',
  ],
  [
    'a __proto__ key',
    `${LIST}items: []\nfunctionConfig:\n${indent(stringify(minimalConfig()), '  ')}  __proto__:\n    polluted: true\n`,
    /__proto__: "__proto__" is not allowed as a key/,
    'list',
  ],
  [
    'a __proto__ key in JSON',
    JSON.stringify({
      apiVersion: 'config.kubernetes.io/v1',
      kind: 'ResourceList',
      items: [],
      functionConfig: JSON.parse(`{"apiVersion":"tomoda.life/v1alpha1","kind":"TomodaApp","metadata":{"name":"x","__proto__":{"polluted":1}},"spec":{}}`),
    }).replace('"metadata":{"name":"x"}', '"metadata":{"name":"x","__proto__":{"polluted":1}}'),
    /metadata\.__proto__: "__proto__" is not allowed as a key/,
    'list',
  ],
  [
    'a constructor.prototype key',
    withConfig((c) => (c.spec.backend.constructor = { prototype: { polluted: true } })),
    /spec\.backend\.constructor: "constructor" is not allowed as a key/,
    'list',
  ],
  [
    'an alias bomb in the functionConfig',
    `${LIST}items: []\nfunctionConfig:\n${indent(BOMB, '  ')}\n`,
    /(functionConfig|stdin) is not usable YAML: Excessive alias count/,
    'nothing',
  ],
  [
    'an alias bomb in a pass-through item',
    `${LIST}items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n  data:\n${indent(BOMB, '    ')}\nfunctionConfig:\n${indent(stringify(minimalConfig()), '  ')}`,
    /stdin is not usable YAML: Excessive alias count/,
    'nothing',
  ],
  ['an alias bomb beside the items', `${LIST}items: []\n${BOMB}\n`, /not usable YAML: Excessive alias count/, 'nothing'],
  ['flow nesting 100,000 deep', `${LIST}items:\n- ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, /nested too deeply/, 'nothing'],
  ['block nesting 3,000 deep in the functionConfig', `${LIST}items: []\nfunctionConfig:\n${indent(deepBlock(3000), '  ')}\n`, /nested too deeply/, 'nothing'],
  [
    'JSON nesting 100,000 deep',
    `{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`,
    /nested too deeply/,
    'nothing',
  ],
  ['duplicate keys in the ResourceList', `${LIST}kind: ResourceList\nitems: []\n`, /Map keys must be unique/, 'nothing'],
  ['duplicate keys in the functionConfig', `${LIST}items: []\nfunctionConfig:\n  kind: TomodaApp\n  kind: TomodaApp\n`, /Map keys must be unique/, 'nothing'],
  [
    'duplicate keys in the head of a pass-through item',
    `${LIST}items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n    name: y\n${CONFIG}`,
    /Map keys must be unique/,
    'nothing',
  ],
  ['two YAML documents', `${LIST}items: []\n---\n${LIST}items: []\n`, /more than one YAML document/, 'nothing'],
  ['tabs as indentation', `${LIST}items:\n-\tapiVersion: v1\n`, /not valid YAML/, 'nothing'],
  [
    '200,000 spaces inside a value',
    `${LIST}items:\n- apiVersion: v1\n  kind: ConfigMap${' '.repeat(200_000)}x\n  metadata:\n    name: a\n`,
    /no functionConfig/,
    'list',
  ],
  [
    'a key of 2 MB',
    `${LIST}items: []\nfunctionConfig:\n  ${'k'.repeat(2 << 20)}: 1\n`,
    /functionConfig is not valid YAML: line 1, column 1: The : indicator must be at most 1024 chars .*; the line is "k{240}…"$/,
    'nothing',
  ],
  ['an unterminated 20 MB string', `${LIST}items:\n- "${'x'.repeat(20 << 20)}\n`, /stdin holds a single value of 20\.0 MiB/, 'nothing'],
  [
    'a 20 MB string in JSON',
    JSON.stringify({
      apiVersion: 'config.kubernetes.io/v1',
      kind: 'ResourceList',
      items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { big: 'x'.repeat(20 << 20) } }],
    }),
    /stdin holds a single value of 20\.0 MiB/,
    'nothing',
  ],
  ['a key with a line break', withConfig((c) => (c.spec.backend.pools.api['a\nb'] = 1)), /unknown field "a\\nb"/, 'list'],

  [
    'a pass-through object whose name is a number',
    `${LIST}items:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: 123\n${CONFIG}`,
    /items\[0\]: metadata\.name is the number 123, not a string/,
    'nothing',
  ],
  [
    'a pass-through object whose namespace is a boolean, in JSON',
    JSON.stringify({
      apiVersion: 'config.kubernetes.io/v1',
      kind: 'ResourceList',
      items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: true } }],
      functionConfig: minimalConfig(),
    }),
    /items\[0\]: metadata\.namespace is the boolean true, not a string/,
    'nothing',
  ],
  [
    'a raw control character in a pass-through value',
    `${LIST}items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n  data:\n    bell: "a\u0007b"\n${CONFIG}`,
    /not valid YAML: line 9, column 13 holds the control character U\+0007/,
    'nothing',
  ],
  [
    'a raw NUL in a pass-through plain value',
    `${LIST}items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n  data:\n    a: b\u0000c\n${CONFIG}`,
    /control character U\+0000/,
    'nothing',
  ],
  [
    'a DEL and a C1 control character in a pass-through value',
    `${LIST}items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n  data:\n    a: 'b\u007f\u0090'\n${CONFIG}`,
    /control character U\+007F/,
    'nothing',
  ],
  [
    'a pass-through line left of its item (invalid YAML, not to be moved)',
    `${LIST}items:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: x\n    data:\n      a: "1"\n   b: "2"\n${CONFIG}`,
    /stdin is not valid YAML/,
    'nothing',
  ],
  [
    'a mis-indented line inside a pass-through item',
    `${LIST}items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n  data:\n    a: "1"\n   b: "2"\n${CONFIG}`,
    /stdin is not valid YAML: line 10, column 4: .*; the line is "   b: \\"2\\""$/,
    'nothing',
  ],
  [
    'a line deeper under a scalar inside a pass-through item',
    `${LIST}items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n  data:\n    a: "1"\n      b: "2"\n${CONFIG}`,
    /stdin is not valid YAML/,
    'nothing',
  ],
  [
    'an alias to an anchor in another item',
    `${LIST}items:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: api\n  spec:\n    replicas: &replicas 3\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: copy\n  data:\n    replicas: *replicas\n${CONFIG}`,
    /items\[1\] uses the alias \*replicas of an anchor outside it/,
    'nothing',
  ],
];

describe('hostile and malformed input', () => {
  it.each(CASES)('%s: exit 1, one line naming the problem, no stack trace, no generated objects', (_, input, message, stdout) => {
    const result = run(input);
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines, result.stderr.slice(0, 2000)).toHaveLength(1);
    expect(lines[0]).toMatch(/^tomoda-app-fn: error\b/);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toMatch(/internal error|please report it/);
    expect(result.stderr).not.toMatch(/\n\s+at |heap out of memory|FATAL/);
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(TIME_LIMIT_MS);
    if (stdout === 'nothing') {
      expect(result.stdout).toBe('');
    } else {
      // What is written is a whole ResourceList (the input items and the results), never a part of one.
      const output = parse(result.stdout, { version: '1.1', maxAliasCount: -1 }) as { kind: string; items: any[]; results: unknown[] };
      expect(output.kind).toBe('ResourceList');
      expect(output.results.length).toBeGreaterThan(0);
      expect(output.items.filter((item) => item?.metadata?.labels?.['app.kubernetes.io/managed-by'] === 'tomoda-app-fn')).toEqual([]);
    }
  });

  it('counts its cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(48);
  });

  it('an internal bug ends in one line on stderr, exit 1, and nothing on stdout', () => {
    const input = withConfig((c) => (c.spec.backend.pools = { 'injected-bug': { mode: 'm' } }));
    const result = run(input, `${ROOT}test/support/inject-bug.cjs`);
    expect(result.stderr).toBe('tomoda-app-fn: error: internal error: injected bug: cannot read the pools; please report it\n');
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
  });
});

describe('very large inputs', () => {
  it('20,000 pass-through items and a TomodaApp: success in bounded time and heap, every item kept', () => {
    const items = Array.from(
      { length: 20_000 },
      (_, i) =>
        `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm-${i}\n    annotations:\n      internal.config.kubernetes.io/path: 'cm/${i}.yaml'\n  data:\n    mode: 0644 # octal in YAML 1.1\n    flag: on\n`,
    ).join('');
    const input = `${LIST}items:\n${items}functionConfig:\n${indent(stringify(minimalConfig()), '  ')}`;
    const result = run(input);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.ms).toBeLessThan(TIME_LIMIT_MS);
    expect(result.stdout.startsWith(`${LIST}items:\n${items}`)).toBe(true);
  });

  it('5,000 items as JSON: success in bounded time and heap, every value kept', () => {
    const items = Array.from({ length: 5_000 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `cm-${i}` },
      data: { mode: '0644', flag: 'on', n: String(i) },
    }));
    const result = run(JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, functionConfig: minimalConfig() }));
    expect(result.code, result.stderr).toBe(0);
    expect(result.ms).toBeLessThan(TIME_LIMIT_MS);
    expect((parse(result.stdout, { version: '1.1' }) as { items: unknown[] }).items.slice(0, items.length)).toEqual(items);
  });
});

describe('prototype pollution', () => {
  const KEYS = ['__proto__', 'constructor', 'prototype'];
  const hostileTree = (depth: number): unknown =>
    depth === 0 ? { polluted: true, toString: 'x', valueOf: 'y' } : Object.fromEntries(KEYS.map((key) => [key, hostileTree(depth - 1)]));
  const snapshot = () =>
    [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) => Object.getOwnPropertyNames(proto).sort().join());

  it('nothing reaches Object.prototype or its kin, from the functionConfig, items or metadata, in YAML or JSON', () => {
    const before = snapshot();
    const item = JSON.parse(
      `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":{"__proto__":"y"}},"data":${JSON.stringify(hostileTree(2)).replaceAll('"prototype"', '"__proto__"')}}`,
    );
    const config = minimalConfig();
    const texts = [
      JSON.stringify({
        apiVersion: 'config.kubernetes.io/v1',
        kind: 'ResourceList',
        items: [item],
        functionConfig: { ...config, spec: { ...config.spec, ...(hostileTree(2) as object) } },
      }),
      `${LIST}items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n  __proto__:\n    polluted: true\nfunctionConfig:\n${indent(stringify(config), '  ')}  __proto__: {polluted: true}\n  constructor:\n    prototype:\n      polluted: true\n`,
      `${LIST}items: []\nfunctionConfig:\n  apiVersion: tomoda.life/v1alpha1\n  kind: TomodaApp\n  metadata:\n    name: x\n    __proto__:\n      polluted: true\n  spec: {}\n`,
    ];
    for (const text of texts) {
      const result = runCli([], { readStdin: () => text, readFile: () => text });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/"(__proto__|constructor)" is not allowed as a key/);
    }
    expect(snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a pass-through ConfigMap may hold a "__proto__" data key, and keeps it', () => {
    const text = `${LIST}items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n  data:\n    __proto__: kept\nfunctionConfig:\n${indent(stringify(minimalConfig()), '  ')}`;
    const result = runCli([], { readStdin: () => text, readFile: () => text });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  data:\n    __proto__: kept\n');
  });
});

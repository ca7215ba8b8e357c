import { describe, expect, it } from 'vitest';
import { InputError, parseResourceList, serializeResourceList } from '../../src/io/resource-list.js';

const roundTrip = (text: string): string => {
  const list = parseResourceList(text);
  return serializeResourceList({ apiVersion: list.apiVersion, items: list.items.map((i) => i.text), ...(list.functionConfig ? { functionConfig: list.functionConfig.text } : {}), results: [] });
};

const ITEM = `- apiVersion: v1 # trailing comment
  kind: ConfigMap
  metadata:
    name: "quoted-name"
    namespace: 'ns'
    annotations:
      internal.config.kubernetes.io/path: 'a/b.yaml'
      config.kubernetes.io/function: |
        container:
          image: x
  data:
    mode: 0644
    flag: on
    date: 2024-01-01
    script: |
      line one

        indented after a blank line
    list:
    - a
    -   b
`;

describe('parseResourceList', () => {
  it('keeps pass-through items byte for byte and reads their identity', () => {
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${ITEM}`;
    const list = parseResourceList(text);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.head).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'quoted-name',
      namespace: 'ns',
      annotations: { 'internal.config.kubernetes.io/path': 'a/b.yaml' },
      labels: {},
    });
    expect(roundTrip(text)).toBe(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n${'items:\n'}${ITEM}`);
  });

  it('moves items written one level deeper to the runners\' style without touching their content', () => {
    const indented = ITEM.replace(/^/gm, '  ').replace(/\s+$/, '\n');
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${indented}`;
    expect(roundTrip(text)).toBe(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${ITEM}`);
  });

  it('keeps the comment that kpt writes on an item\'s dash line (`- # comment`), and comments above the map', () => {
    const items = `- # settings of one service\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n-\n  # above the map\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n`;
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}`;
    const list = parseResourceList(text);
    expect(list.items.map((i) => i.head.name)).toEqual(['a', 'b']);
    expect(list.items[0]!.text.startsWith('# settings of one service\napiVersion: v1')).toBe(true);
    expect(roundTrip(text)).toBe(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- # settings of one service\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- # above the map\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n`);
  });

  it('reads the same items through the full parser (CRLF input takes that path)', () => {
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${ITEM}`;
    const fast = parseResourceList(text);
    const slow = parseResourceList(text.replace(/\n/g, '\r\n'));
    expect(slow.items.map((i) => i.head)).toEqual(fast.items.map((i) => i.head));
  });

  it('rewrites flow-style (JSON) items as block YAML that keeps their string values', () => {
    const json = JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { mode: '0644', flag: 'on' } }] });
    const list = parseResourceList(json);
    expect(list.items[0]!.text).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  mode: "0644"\n  flag: "on"');
  });

  it('accepts an empty items list and a missing functionConfig', () => {
    const list = parseResourceList('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n');
    expect(list.items).toEqual([]);
    expect(list.functionConfig).toBeUndefined();
  });

  it('reads the functionConfig as data and keeps its text', () => {
    const list = parseResourceList('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  kind: TomodaApp\n  spec:\n    x: 0644 # c\n');
    expect(list.functionConfig).toEqual({ value: { kind: 'TomodaApp', spec: { x: 644 } }, text: 'kind: TomodaApp\nspec:\n  x: 0644 # c' });
  });

  it.each([
    ['', /stdin is empty/],
    ['kind: Deployment\n', /kind is Deployment/],
    ['- a\n- b\n', /not a list/],
    ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: {a: 1}\n', /items must be a list/],
    ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n', /has no items/],
    ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- just a string\n', /items\[0\] must be a Kubernetes object/],
    ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nkind: ResourceList\nitems: []\n', /not valid YAML/],
    ['apiVersion: v2\nkind: ResourceList\nitems: []\n', /apiVersion must be config.kubernetes.io\/v1/],
    ['a: [\n', /not valid YAML/],
  ])('rejects %j with a clear sentence', (text, message) => {
    expect(() => parseResourceList(text)).toThrowError(InputError);
    expect(() => parseResourceList(text)).toThrowError(message);
  });
});

describe('serializeResourceList', () => {
  it('writes results as block YAML after the items', () => {
    const text = serializeResourceList({
      apiVersion: 'config.kubernetes.io/v1',
      items: [],
      results: [{ message: 'm', severity: 'error', field: { path: 'spec.x' }, tags: { code: 'required' } }],
    });
    expect(text).toBe('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nresults:\n- message: m\n  severity: error\n  field:\n    path: spec.x\n  tags:\n    code: required\n');
  });
});

describe('block scalars with keep chomping', () => {
  it('keep their trailing blank lines, also on the last item', () => {
    const items = '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data:\n    kept: |+\n      text\n\n\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n  data:\n    kept: |+\n      last\n\n';
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}functionConfig:\n  kind: X\n`;
    expect(roundTrip(text)).toBe(text);
  });
});

describe('flow-style items', () => {
  it('keep their text when something else sends the list to the full parser (a CronJob schedule looks like an alias)', () => {
    const items = '- {apiVersion: v1, kind: ConfigMap, metadata: {name: flow}, data: {mode: 0644}}\n- apiVersion: batch/v1\n  kind: CronJob\n  metadata:\n    name: nightly\n  spec:\n    schedule: "*/5 * * * *"\n';
    const list = parseResourceList(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}`);
    expect(list.items[0]!.text).toBe('{apiVersion: v1, kind: ConfigMap, metadata: {name: flow}, data: {mode: 0644}}');
    expect(list.items[0]!.head).toMatchObject({ kind: 'ConfigMap', name: 'flow' });
  });
});

import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { InputError, parseResourceList, serializeResourceList } from '../../src/io/resource-list.js';

const roundTrip = (text: string): string => {
  const list = parseResourceList(text);
  return serializeResourceList({
    apiVersion: list.apiVersion,
    items: list.items.map((i) => i.text),
    ...(list.functionConfig ? { functionConfig: list.functionConfig.text } : {}),
    results: [],
  });
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

  it("moves items written one level deeper to the runners' style without touching their content", () => {
    const indented = ITEM.replace(/^/gm, '  ').replace(/\s+$/, '\n');
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${indented}`;
    expect(roundTrip(text)).toBe(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${ITEM}`);
  });

  it("keeps the comment that kpt writes on an item's dash line (`- # comment`), and comments above the map", () => {
    const items = `- # settings of one service\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n-\n  # above the map\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n`;
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}`;
    const list = parseResourceList(text);
    expect(list.items.map((i) => i.head.name)).toEqual(['a', 'b']);
    expect(list.items[0]!.text.startsWith('# settings of one service\napiVersion: v1')).toBe(true);
    expect(roundTrip(text)).toBe(
      `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- # settings of one service\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- # above the map\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n`,
    );
  });

  it('reads CRLF input as the same list: the whole output is the LF one', () => {
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${ITEM}functionConfig:\n  kind: X\n`;
    expect(roundTrip(text.replace(/\n/g, '\r\n'))).toBe(roundTrip(text));
    expect(roundTrip(text)).toBe(text);
  });

  it('reads a value with a no-break space at its end as it is, on every path (YAML white space is space and tab)', () => {
    const item = '- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: api\u00a0\n    namespace: "prod\u2003"\n';
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${item}`;
    const anchored = `${text}- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: &n other\n`; // an anchor: the full parser reads this one
    for (const list of [text, anchored, JSON.stringify(parse(text))].map(parseResourceList)) {
      expect(list.items[0]!.head).toMatchObject({ name: 'api\u00a0', namespace: 'prod\u2003' });
    }
  });

  it('rewrites flow-style (JSON) items as block YAML that keeps their string values', () => {
    const json = JSON.stringify({
      apiVersion: 'config.kubernetes.io/v1',
      kind: 'ResourceList',
      items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { mode: '0644', flag: 'on' } }],
    });
    const list = parseResourceList(json);
    expect(list.items[0]!.text).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  mode: "0644"\n  flag: "on"');
  });

  it('accepts an empty items list and a missing functionConfig', () => {
    const list = parseResourceList('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n');
    expect(list.items).toEqual([]);
    expect(list.functionConfig).toBeUndefined();
  });

  it('reads the functionConfig as data and keeps its text', () => {
    const list = parseResourceList(
      'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  kind: TomodaApp\n  spec:\n    x: 0644 # c\n',
    );
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
    // the line scanner read these as an empty list, the full parser as null: both say so now
    ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\nfunctionConfig: {}\n', /items must be a list, not nothing/],
    ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n  # none\nfunctionConfig: {}\n', /items must be a list, not nothing/],
    // a value that would contain itself overflowed the stack in the config checks ("internal error")
    [
      'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  kind: TomodaApp\n  spec: &s\n    x: *s\n',
      /stdin uses the alias \*s inside the value its anchor &s names/,
    ],
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
    expect(text).toBe(
      'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nresults:\n- message: m\n  severity: error\n  field:\n    path: spec.x\n  tags:\n    code: required\n',
    );
  });
});

describe('block scalars with keep chomping', () => {
  const items =
    '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data:\n    kept: |+\n      text\n\n\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n  data:\n    kept: |+\n      last\n\n';
  const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}functionConfig:\n  kind: X\n  kept: |+\n    config\n\n`;

  it('keep their trailing blank lines, also on the last item and in the functionConfig', () => {
    expect(roundTrip(text)).toBe(text);
  });

  it('keep them beside an anchor, which yaml reads for that item alone, byte for byte', () => {
    const anchored = text.replace('name: a\n', 'name: &a a\n');
    expect(roundTrip(anchored)).toBe(anchored);
  });

  it('keep them beside a CronJob schedule, which is no alias (`*/5 * * * *`)', () => {
    const cron = text.replace(
      '  kind: ConfigMap\n  metadata:\n    name: b\n',
      '  kind: ConfigMap\n  metadata:\n    name: b\n  schedule: "*/5 * * * *"\n  other: \'* * * * *\'\n',
    );
    expect(roundTrip(cron)).toBe(cron);
  });

  it('are kept when a JSON list is re-serialised', () => {
    const json = JSON.stringify(parse(text));
    expect((parse(roundTrip(json)) as { items: unknown[] }).items).toEqual((parse(text) as { items: unknown[] }).items);
  });
});

describe('aliases', () => {
  it('within one item pass through as written', () => {
    const text =
      'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data:\n    x: &v value\n    y: *v\n';
    expect(roundTrip(text)).toBe(text);
  });

  it('to an anchor in another item are refused: the function may replace that item, and kpt writes each to its own file', () => {
    const text =
      'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data:\n    x: &v value\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n  data:\n    y: *v\n';
    expect(() => parseResourceList(text)).toThrowError(/items\[1\] uses the alias \*v of an anchor outside it/);
    expect(() => parseResourceList(text.replace('items:', 'defaults: &d {a: 1}\nitems:').replace('y: *v', 'y: *d').replace('&v ', ''))).toThrowError(
      /items\[1\] uses the alias \*d/,
    );
  });
});

describe('flow-style items', () => {
  it('keep their text beside a CronJob schedule (which the scanner once took for an alias)', () => {
    const items =
      '- {apiVersion: v1, kind: ConfigMap, metadata: {name: flow}, data: {mode: 0644}}\n- apiVersion: batch/v1\n  kind: CronJob\n  metadata:\n    name: nightly\n  spec:\n    schedule: "*/5 * * * *"\n';
    const list = parseResourceList(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}`);
    expect(list.items[0]!.text).toBe('{apiVersion: v1, kind: ConfigMap, metadata: {name: flow}, data: {mode: 0644}}');
    expect(list.items[0]!.head).toMatchObject({ kind: 'ConfigMap', name: 'flow' });
  });
});

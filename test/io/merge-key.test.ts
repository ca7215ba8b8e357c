// A "<<" key of a re-serialised item stays a string key for every reader downstream.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseResourceList, serializeResourceList, stringifyValue } from '../../src/io/resource-list.js';

describe('re-serialised items (JSON input)', () => {
  it('keep a "<<" key a string key: YAML 1.1 readers would merge a plain << (and fail on a scalar)', () => {
    const item = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { '<<': '0644', nested: { '<<': { a: 1 } } } };
    const list = parseResourceList(JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [item] }));
    const text = serializeResourceList({ apiVersion: list.apiVersion, items: list.items.map((i) => i.text), results: [] });
    expect(text).toContain('!!str "<<": "0644"');
    expect((parse(text, { version: '1.1' }) as { items: unknown[] }).items).toEqual([item]);
    expect(parse(stringifyValue({ '<<': 1 }), { version: '1.1' })).toEqual({ '<<': 1 });
  });
});

// The escape hatch's two patch formats on their own contracts (RFC 7386 merge, RFC 6902 add/remove/replace/test),
// every branch with the sentence it fails with, and the identity rule through the function. Written for the mutants of
// render/patch.ts that no test reached (docs/verification.md, "Mutation testing").
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch } from '../../src/render/patch.js';
import { processResourceList } from '../../src/process.js';
import { parseResourceList } from '../../src/io/resource-list.js';
import { minimalConfig } from '../support/apps.js';

type Op = Parameters<typeof jsonPatch>[1][number];
const AT = ['spec', 'backend', 'pools', 'api', 'patches', 0];
const doc = () => ({ a: 1, m: { k: 'v', 'x/y': 1, 'x~y': 2 }, l: [{ n: 1 }, { n: 2 }], s: 'text' });

const applied = (...ops: Op[]) => {
  const out = jsonPatch(doc(), ops, AT);
  if ('problem' in out) throw new Error(`unexpected problem: ${out.problem.message}`);
  return out.value;
};
const failure = (...ops: Op[]) => {
  const out = jsonPatch(doc(), ops, AT);
  if (!('problem' in out)) throw new Error('expected a problem');
  return { code: out.problem.tags?.code, path: out.problem.field?.path, message: out.problem.message };
};

describe('JSON patch (RFC 6902)', () => {
  it.each<[string, Op[], unknown]>([
    ['add to a map', [{ op: 'add', path: '/m/new', value: [1] }], { ...doc(), m: { ...doc().m, new: [1] } }],
    ['add over a key that exists', [{ op: 'add', path: '/a', value: 2 }], { ...doc(), a: 2 }],
    ['replace a key', [{ op: 'replace', path: '/s', value: { t: 1 } }], { ...doc(), s: { t: 1 } }],
    ['remove a key', [{ op: 'remove', path: '/a' }], { m: doc().m, l: doc().l, s: 'text' }],
    [
      'a key holding / (~1) and ~ (~0)',
      [
        { op: 'replace', path: '/m/x~1y', value: 3 },
        { op: 'remove', path: '/m/x~0y' },
      ],
      { ...doc(), m: { k: 'v', 'x/y': 3 } },
    ],
    ['insert into a list', [{ op: 'add', path: '/l/1', value: 'i' }], { ...doc(), l: [{ n: 1 }, 'i', { n: 2 }] }],
    ['add at the end of a list by its length', [{ op: 'add', path: '/l/2', value: 'e' }], { ...doc(), l: [{ n: 1 }, { n: 2 }, 'e'] }],
    ['append with -', [{ op: 'add', path: '/l/-', value: 'e' }], { ...doc(), l: [{ n: 1 }, { n: 2 }, 'e'] }],
    ['remove from a list', [{ op: 'remove', path: '/l/0' }], { ...doc(), l: [{ n: 2 }] }],
    ['replace in a list', [{ op: 'replace', path: '/l/1', value: 0 }], { ...doc(), l: [{ n: 1 }, 0] }],
    ['a path through a list', [{ op: 'replace', path: '/l/1/n', value: 9 }], { ...doc(), l: [{ n: 1 }, { n: 9 }] }],
    [
      'test a list entry, a key and the whole document',
      [
        { op: 'test', path: '/l/0', value: { n: 1 } },
        { op: 'test', path: '/m/k', value: 'v' },
        { op: 'test', path: '', value: doc() },
      ],
      doc(),
    ],
    ['replace the whole document', [{ op: 'replace', path: '', value: { b: 1 } }], { b: 1 }],
  ])('%s', (_, ops, expected) => {
    expect(applied(...ops)).toStrictEqual(expected);
  });

  it.each<[string, Op[], number, string]>([
    ['a value missing', [{ op: 'add', path: '/a' } as Op], 0, 'add /a: needs a value'],
    ['replace of a key that does not exist', [{ op: 'replace', path: '/m/none', value: 1 }], 0, 'replace /m/none: "none" does not exist; use add'],
    ['remove of a key that does not exist', [{ op: 'remove', path: '/none' }], 0, 'remove /none: "none" does not exist'],
    ['a test that differs', [{ op: 'test', path: '/a', value: 2 }], 0, 'test /a: the value differs'],
    ['a test of a key that does not exist', [{ op: 'test', path: '/none', value: 1 }], 0, 'test /none: the value differs'],
    ['a test of a list entry that differs', [{ op: 'test', path: '/l/0', value: { n: 2 } }], 0, 'test /l/0: the value differs'],
    ['a test of the whole document that differs', [{ op: 'test', path: '', value: { a: 1 } }], 0, 'test : the document differs from the value'],
    ['remove of the whole document', [{ op: 'remove', path: '' }], 0, 'remove : cannot remove the whole object'],
    ['a parent that does not exist', [{ op: 'add', path: '/none/x', value: 1 }], 0, 'add /none/x: the parent of this path does not exist'],
    ['a parent past the end of a list', [{ op: 'add', path: '/l/2/n', value: 1 }], 0, 'add /l/2/n: the parent of this path does not exist'],
    ['an inherited key as a parent', [{ op: 'add', path: '/constructor/x', value: 1 }], 0, 'add /constructor/x: the parent of this path does not exist'],
    ['a parent that is a scalar', [{ op: 'add', path: '/s/x', value: 1 }], 0, 'add /s/x: the parent is neither a map nor a list'],
    ['an add past the end of a list', [{ op: 'add', path: '/l/3', value: 1 }], 0, 'add /l/3: 3 is not an index of a list of 2'],
    ['an index with a leading zero', [{ op: 'add', path: '/l/01', value: 1 }], 0, 'add /l/01: 01 is not an index of a list of 2'],
    ['a remove at the length of a list', [{ op: 'remove', path: '/l/2' }], 0, 'remove /l/2: 2 is not an index of a list of 2'],
    ['a replace with -', [{ op: 'replace', path: '/l/-', value: 1 }], 0, 'replace /l/-: - is not an index of a list of 2'],
    [
      'the first failure, after one that applies',
      [
        { op: 'add', path: '/b', value: 1 },
        { op: 'remove', path: '/none' },
        { op: 'add', path: '/c', value: 1 },
      ],
      1,
      'remove /none: "none" does not exist',
    ],
  ])('refuses %s, naming the operation', (_, ops, index, message) => {
    expect(failure(...ops)).toStrictEqual({ code: 'patch-failed', path: `spec.backend.pools.api.patches[0].json[${index}]`, message });
  });

  it('tests every key of a map, not one of them', () => {
    expect('value' in jsonPatch({ x: 1, y: 2 }, [{ op: 'test', path: '', value: { x: 1, y: 3 } }], AT)).toBe(false);
  });

  it('reads list indexes of more than one digit', () => {
    const list = Array.from({ length: 12 }, (_, i) => i);
    expect(jsonPatch({ list }, [{ op: 'replace', path: '/list/10', value: 'z' }], AT)).toStrictEqual({
      value: { list: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 'z', 11] },
    });
  });

  it('leaves its input alone and shares no value with the operations', () => {
    const input = doc();
    const value = { deep: [1] };
    const out = jsonPatch(
      input,
      [
        { op: 'add', path: '/m/v', value },
        { op: 'add', path: '/l/0', value },
        { op: 'replace', path: '/s', value },
      ],
      AT,
    );
    expect(input).toStrictEqual(doc());
    const result = (out as { value: ReturnType<typeof doc> & { m: { v: unknown } } }).value;
    expect(result.m.v).not.toBe(value);
    expect(result.l[0]).not.toBe(value);
    expect(result.s).not.toBe(value);
    const whole = jsonPatch(input, [{ op: 'replace', path: '', value }], AT) as { value: unknown };
    expect(whole.value).toStrictEqual(value);
    expect(whole.value).not.toBe(value);
  });

  it.each<[string, unknown, boolean]>([
    ['equal nested values', { a: [1, { b: 2 }] }, true],
    ['a list of another length', { a: [1] }, false],
    ['a longer list that starts the same', { a: [1, { b: 2 }, 3] }, false],
    ['a list with another entry', { a: [1, { b: 3 }] }, false],
    ['a map with a key more', { a: [1, { b: 2 }], c: 1 }, false],
    ['a map with another key', { x: [1, { b: 2 }] }, false],
    ['a list for a map', [1, { b: 2 }], false],
  ])('tests values by their content: %s', (_, value, equal) => {
    const out = jsonPatch({ a: [1, { b: 2 }] }, [{ op: 'test', path: '', value }], AT);
    expect('value' in out).toBe(equal);
  });
});

describe('merge patch (RFC 7386)', () => {
  it.each<[string, unknown, unknown, unknown]>([
    ['maps merge key by key and null removes', { a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 }, f: [1] }, { a: 1, b: { d: 3, e: 4 }, f: [1] }],
    ['a list replaces', { a: [1, 2] }, { a: [3] }, { a: [3] }],
    ['a patch that is not a map replaces the target', { a: 1 }, [1, 2], [1, 2]],
    ['a map over a scalar starts from an empty map', { a: 'x' }, { a: { b: null, c: 1 } }, { a: { c: 1 } }],
  ])('%s', (_, target, patch, expected) => {
    const before = structuredClone(target);
    const out = mergePatch(target, patch);
    expect(out).toStrictEqual(expected);
    expect(target).toStrictEqual(before);
    if (typeof patch === 'object' && patch !== null) expect(out).not.toBe(patch);
  });
});

describe('a patch may not move an object', () => {
  const run = (merge: unknown) => {
    const config = minimalConfig();
    config.spec.backend.pools.api.patches = [{ target: 'Deployment', merge }];
    const list = stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [], functionConfig: config });
    const { output } = processResourceList(parseResourceList(list));
    return output.results.map((r) => `${r.tags?.code} ${r.field?.path}: ${r.message}`);
  };

  it.each([
    ['apiVersion', { apiVersion: 'apps/v2' }],
    ['kind', { kind: 'StatefulSet' }],
    ['metadata.name', { metadata: { name: 'renamed' } }],
    ['metadata.name', { metadata: null }],
    ['metadata.namespace', { metadata: { namespace: 'elsewhere' } }],
  ])('refuses a change of %s', (what, merge) => {
    expect(run(merge)).toStrictEqual([
      `patch-identity spec.backend.pools.api.patches[0]: changes ${what} of Deployment/api; a patch may not rename or move an object`,
    ]);
  });
});

describe('a patch applies to its own workload', () => {
  it("patches the second pool's Deployment, not the first pool's", () => {
    const config = minimalConfig();
    config.spec.backend.pools.worker = { mode: 'async', patches: [{ target: 'Deployment', merge: { spec: { minReadySeconds: 7 } } }] };
    const list = stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [], functionConfig: config });
    const { ok, output } = processResourceList(parseResourceList(list));
    expect(ok).toBe(true);
    const deployments = output.items
      .map((item) => parse(item) as { kind: string; metadata: { name: string }; spec: { minReadySeconds?: number } })
      .filter((o) => o.kind === 'Deployment')
      .map((o) => [o.metadata.name, o.spec.minReadySeconds]);
    expect(deployments).toStrictEqual([
      ['api', undefined],
      ['worker', 7],
    ]);
  });

  it('refuses a patch that replaces the whole object with a scalar', () => {
    const config = minimalConfig();
    config.spec.backend.pools.api.patches = [{ target: 'Deployment', json: [{ op: 'replace', path: '', value: 1 }] }];
    const list = stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [], functionConfig: config });
    const { output } = processResourceList(parseResourceList(list));
    expect(output.results.map((r) => `${r.tags?.code}: ${r.message}`)).toStrictEqual([
      'patch-identity: changes the whole object of Deployment/api; a patch may not rename or move an object',
    ]);
  });
});

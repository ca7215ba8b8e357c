// Pruning under kpt, one rule at a time, through processResourceList (the entry point kpt runs): only an object
// this function generated for this TomodaApp, and no longer generates, is dropped; everything else survives.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseResourceList, serializeResourceList } from '../../src/io/resource-list.js';
import { processResourceList } from '../../src/process.js';
import { ownerMark, type Identity } from '../../src/runners/ownership.js';
import { minimalConfig } from '../support/apps.js';

const MARK = 'tomoda.life/generated-for';
const LABELS = { 'app.kubernetes.io/part-of': 'demo', 'app.kubernetes.io/managed-by': 'tomoda-app-fn' };
const CONFIG_FILE = 'app/tomoda-app.yaml';

const inFile = (file: string): Record<string, string> => ({ 'config.kubernetes.io/path': file, 'internal.config.kubernetes.io/path': file });

function config(): Record<string, any> {
  const app = minimalConfig(); // TomodaApp "demo", one pool "api"
  app.spec.namespace = 'team';
  app.metadata.annotations = inFile(CONFIG_FILE);
  return app;
}

interface Extra {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

/** An object an earlier run generated for `owner`: labelled, marked for its own identity, in a file of `dir`. */
function generatedBefore(identity: Required<Pick<Identity, 'apiVersion' | 'kind' | 'name'>> & Identity, owner = 'demo', dir = 'app'): Extra {
  const { apiVersion, kind, name, namespace } = identity;
  const file = `${dir}/${kind.toLowerCase()}_${name}.yaml`;
  return {
    apiVersion,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), labels: LABELS, annotations: { [MARK]: ownerMark(owner, identity), ...inFile(file) } },
  };
}

const stalePool = (): Extra => generatedBefore({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'team', name: 'removed-pool' });

/** A kpt ResourceList: the TomodaApp as an item and as the functionConfig, plus `extras`. */
function run(extras: Extra[], app = config(), items: Extra[] = [app as Extra, ...extras]) {
  const list = parseResourceList(
    stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, functionConfig: app }, { aliasDuplicateObjects: false }),
  );
  const { output, ok } = processResourceList(list);
  expect(ok, JSON.stringify(output.results)).toBe(true);
  const names = parseResourceList(serializeResourceList(output)).items.map((item) => `${item.head.kind}/${item.head.name}`);
  return { names, results: output.results, items: output.items };
}

describe('pruning under kpt', () => {
  it('prunes an object generated for this TomodaApp that it no longer generates, and says so in an info result', () => {
    const { names, results } = run([stalePool()]);
    expect(names).not.toContain('Deployment/removed-pool');
    expect(names).toContain('Deployment/api');
    expect(results).toEqual([
      expect.objectContaining({
        severity: 'info',
        tags: { code: 'pruned' },
        resourceRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'removed-pool', namespace: 'team' },
        file: { path: 'app/deployment_removed-pool.yaml' },
      }),
    ]);
  });

  it('keeps a user object that carries the app labels but no mark', () => {
    const mine: Extra = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'mine', namespace: 'team', labels: LABELS, annotations: inFile('app/mine.yaml') },
      data: { a: 'b' },
    };
    const { names, results } = run([mine]);
    expect(names).toContain('ConfigMap/mine');
    expect(results).toEqual([]);
  });

  it('keeps the TomodaApp itself, labelled and even carrying a mark made for it', () => {
    const app = config();
    app.metadata.namespace = 'team';
    app.metadata.labels = LABELS;
    app.metadata.annotations = {
      ...app.metadata.annotations,
      [MARK]: ownerMark('demo', { apiVersion: app.apiVersion, kind: app.kind, namespace: 'team', name: 'demo' }),
    };
    const { names, results } = run([], app);
    expect(names).toContain('TomodaApp/demo');
    expect(results).toEqual([]);
  });

  it('keeps an object of a kind the function does not emit, even with a mark made for it', () => {
    const crd = generatedBefore({ apiVersion: 'example.com/v1', kind: 'Widget', namespace: 'team', name: 'w' });
    const { names } = run([crd]);
    expect(names).toContain('Widget/w');
  });

  it('keeps a generated object copied and renamed by hand: its mark names another object', () => {
    const copy = generatedBefore({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'team', name: 'api' });
    copy.metadata.name = 'api-canary';
    copy.metadata.annotations = { ...copy.metadata.annotations, ...inFile('app/deployment_api-canary.yaml') };
    const { names } = run([copy]);
    expect(names).toContain('Deployment/api-canary');
  });

  it('keeps an object whose mark was written by hand (a well-formed value with the wrong fingerprint)', () => {
    const forged = stalePool();
    forged.metadata.annotations![MARK] = 'demo/0000000000000000';
    expect(run([forged]).names).toContain('Deployment/removed-pool');
  });

  it('keeps an object generated for another TomodaApp', () => {
    const other = generatedBefore({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'team', name: 'other-app-pool' }, 'other');
    expect(run([other])).toMatchObject({ names: expect.arrayContaining(['Deployment/other-app-pool']), results: [] });
  });

  it('keeps an object generated for a TomodaApp of the same name in another namespace', () => {
    const other = generatedBefore({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'elsewhere', name: 'ns-pool' });
    expect(run([other])).toMatchObject({ names: expect.arrayContaining(['Deployment/ns-pool']), results: [] });
  });

  it('keeps an object generated for a TomodaApp of the same name in another directory (prod/ beside app/)', () => {
    const other = generatedBefore({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'team', name: 'dir-pool' }, 'demo', 'prod');
    expect(run([other])).toMatchObject({ names: expect.arrayContaining(['Deployment/dir-pool']), results: [] });
  });

  it('outside kpt (no file paths) prunes nothing and marks nothing', () => {
    const app = config();
    delete app.metadata.annotations;
    const stale = stalePool();
    delete stale.metadata.annotations!['config.kubernetes.io/path'];
    delete stale.metadata.annotations!['internal.config.kubernetes.io/path'];
    const { names, results, items } = run([stale], app);
    expect(names).toContain('Deployment/removed-pool');
    expect(results).toEqual([]);
    expect(items.filter((text) => text.includes(MARK))).toEqual([items.find((text) => text.includes('removed-pool'))]);
  });

  it('marks each object it writes into a package for its own identity, the same on every run', () => {
    const first = run([]).items;
    const deployment = first.find((text) => text.includes('kind: Deployment'))!;
    expect(deployment).toContain(`${MARK}: ${ownerMark('demo', { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'team', name: 'api' })}`);
    expect(first.filter((text) => !text.includes('kind: TomodaApp')).every((text) => text.includes(`${MARK}: demo/`))).toBe(true);
    expect(run([]).items).toEqual(first);
  });
});

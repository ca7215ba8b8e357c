// Which objects are this function's: the mark it writes under kpt, the kinds it may prune, and which items with a
// generated object's name it may overwrite (its own output) and which it refuses to (someone else's object).
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseResourceList } from '../../src/io/resource-list.js';
import { processResourceList } from '../../src/process.js';
import { renderAll } from '../../src/render/index.js';
import { fingerprint, identityOf, isEmittedKind, ownerMark } from '../../src/runners/ownership.js';
import { everyKindConfig, loadModel, minimalConfig } from '../support/apps.js';

describe('the mark', () => {
  it('fingerprints the owner and every part of the identity', () => {
    const base = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'team', name: 'api' };
    const variants = [fingerprint('demo', base), fingerprint('other', base)];
    for (const key of Object.keys(base) as (keyof typeof base)[]) variants.push(fingerprint('demo', { ...base, [key]: `${base[key]}x` }));
    expect(new Set(variants).size).toBe(variants.length);
    expect(fingerprint('demo', base)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('knows every kind the renderers emit as one it may prune, and no other', () => {
    const objects = renderAll(loadModel(everyKindConfig()), { hashSuffix: false });
    expect(objects.filter((object) => !isEmittedKind(identityOf(object)))).toEqual([]);
    for (const object of [
      { apiVersion: 'tomoda.life/v1alpha1', kind: 'TomodaApp' },
      { apiVersion: 'example.com/v1', kind: 'Widget' },
      { apiVersion: 'v1', kind: 'Secret' },
    ]) {
      expect(isEmittedKind(object), object.kind).toBe(false);
    }
  });
});

describe('an item with the name of a generated object', () => {
  // minimalConfig: TomodaApp "demo", pool "api" → Deployment "api" (no namespace)
  const process = (item: Record<string, unknown>) =>
    processResourceList(
      parseResourceList(stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [item], functionConfig: minimalConfig() })),
    );
  const deployment = (metadata: Record<string, unknown>) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', ...metadata },
    spec: { replicas: 7 },
  });

  it("is refused, and the output is the input, when it is someone else's object", () => {
    const { ok, output } = process(deployment({ annotations: { 'config.kubernetes.io/path': 'mine/api.yaml' } }));
    expect(ok).toBe(false);
    expect(output.items).toEqual([stringify(deployment({ annotations: { 'config.kubernetes.io/path': 'mine/api.yaml' } })).trimEnd()]);
    expect(output.results).toEqual([
      expect.objectContaining({
        severity: 'error',
        tags: { code: 'name-taken' },
        resourceRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
        file: { path: 'mine/api.yaml' },
      }),
    ]);
  });

  it('is refused when it carries the mark of another TomodaApp', () => {
    const other = ownerMark('other', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' });
    expect(process(deployment({ annotations: { 'tomoda.life/generated-for': other } })).output.results).toEqual([
      expect.objectContaining({ tags: { code: 'name-taken' } }),
    ]);
  });

  it("is replaced when it carries this TomodaApp's mark", () => {
    const mark = ownerMark('demo', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' });
    const { ok, output } = process(deployment({ annotations: { 'tomoda.life/generated-for': mark } }));
    expect(ok).toBe(true);
    expect(output.items.join('\n')).not.toContain('replicas: 7');
  });

  it('is replaced when it carries the labels the function writes (its output under kustomize, or a package rendered before the mark)', () => {
    const { ok, output } = process(deployment({ labels: { 'app.kubernetes.io/part-of': 'demo', 'app.kubernetes.io/managed-by': 'tomoda-app-fn' } }));
    expect(ok).toBe(true);
    expect(output.items.join('\n')).not.toContain('replicas: 7');
  });
});

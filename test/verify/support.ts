// A valid rendered set to break on purpose: each check's tests mutate one field of a deep copy.
import type { Model } from '../../src/config/model.js';
import { renderAll, type KubeObject } from '../../src/render/index.js';
import type { Result } from '../../src/results.js';
import { verifyContextOf } from '../../src/verify/context.js';
import type { VerifyContext } from '../../src/verify/index.js';
import { fullConfig, loadModel } from '../support/apps.js';

// Each config is loaded and rendered once per test file: the checks' tests break copies of it, and a mutation run
// (which runs these tests for every mutant of verify/) spends its time in the checks, not in rendering the same set.
// The context is made fresh each time, from the model, since verify/context.ts is among what these tests check.
const rendered = new Map<string, { model: Model; objects: KubeObject[] }>();

export function renderedSet(config: Record<string, any> = fullConfig()): { objects: KubeObject[]; context: VerifyContext } {
  const key = JSON.stringify(config);
  let set = rendered.get(key);
  if (!set) {
    const model = loadModel(config);
    set = { model, objects: renderAll(model, { hashSuffix: false }) };
    rendered.set(key, set);
  }
  return { objects: structuredClone(set.objects), context: verifyContextOf(set.model) };
}

export function objectOf(objects: KubeObject[], kind: string, name: string): any {
  const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`no ${kind}/${name} in the set`);
  return object;
}

/** code → field path, the stable part of each finding. */
export const codes = (results: Result[]): string[] =>
  results.map((r) => `${r.tags?.code} ${r.resourceRef?.kind}/${r.resourceRef?.name} ${r.field?.path ?? ''}`.trim());

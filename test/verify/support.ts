// A valid rendered set to break on purpose: each check's tests mutate one field of a deep copy.
import { renderAll, type KubeObject } from '../../src/render/index.js';
import type { Result } from '../../src/results.js';
import { verifyContextOf } from '../../src/verify/context.js';
import type { VerifyContext } from '../../src/verify/index.js';
import { fullConfig, loadModel } from '../support/apps.js';

export function renderedSet(config: Record<string, any> = fullConfig()): { objects: KubeObject[]; context: VerifyContext } {
  const model = loadModel(config);
  return { objects: structuredClone(renderAll(model, { hashSuffix: false })), context: verifyContextOf(model) };
}

export function objectOf(objects: KubeObject[], kind: string, name: string): any {
  const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`no ${kind}/${name} in the set`);
  return object;
}

/** code → field path, the stable part of each finding. */
export const codes = (results: Result[]): string[] =>
  results.map((r) => `${r.tags?.code} ${r.resourceRef?.kind}/${r.resourceRef?.name} ${r.field?.path ?? ''}`.trim());

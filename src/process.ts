// processResourceList: the KRM function itself, with no I/O. Items pass through untouched; generated objects are
// upserted by apiVersion/kind/namespace/name, so a second run on the output changes nothing; someone else's object
// of a generated object's name is an error, not overwritten. Under kpt, objects an earlier run generated and this
// one does not are pruned (runners/kpt.ts).
import { API_VERSION, KIND } from './constants.js';
import { generate } from './generate.js';
import type { ItemHead } from './io/item-head.js';
import { stringifyValue, type Item, type OutputList, type ResourceList } from './io/resource-list.js';
import type { KubeObject } from './render/index.js';
import { error, hasErrors, type ResourceRef, type Result } from './results.js';
import { isRunnerAnnotation } from './runners/annotations.js';
import { isStale, kptPackageOf, placeInPackage, prunedResult, type Owner } from './runners/kpt.js';
import { mayReplace, nameTakenResult } from './runners/ownership.js';
import { isGeneratorMode } from './runners/kustomize.js';

export interface Processed {
  output: OutputList;
  ok: boolean;
}

export function processResourceList(list: ResourceList): Processed {
  const respond = (items: string[], results: Result[]): Processed => ({
    output: { apiVersion: list.apiVersion, items, ...(list.functionConfig ? { functionConfig: list.functionConfig.text } : {}), results },
    ok: !hasErrors(results),
  });
  const passThrough = (results: Result[]): Processed =>
    respond(
      list.items.map((item) => item.text),
      results,
    );

  if (!list.functionConfig) {
    return passThrough([
      error('no-function-config', [], `the ResourceList has no functionConfig; give this function a ${KIND} (apiVersion ${API_VERSION}) as its config`),
    ]);
  }
  const config = list.functionConfig.value;
  const configRef = refOf(config);
  const kpt = kptPackageOf(list.items, config, configRef);
  const { objects, model, results: generateResults } = generate(config, { hashSuffix: !kpt && isGeneratorMode(list.items, configRef) });
  // The config's own results point at the config (and its file); a post-render finding already names its object.
  const configFile = kpt?.configFile;
  const results = generateResults.map((r) =>
    r.resourceRef ? r : { ...r, ...(configRef ? { resourceRef: configRef } : {}), ...(configFile ? { file: { path: configFile } } : {}) },
  );
  if (!objects) return passThrough(results);

  const owner: Owner = { name: model.app, namespace: model.namespace ?? '' };
  const placed = kpt ? objects.map((object) => placeInPackage(object, kpt, owner)) : objects;
  const { items, pruned, taken } = upsert(list.items, placed, {
    mayReplace: (head) => mayReplace(head, owner.name),
    isStale: kpt ? (head) => isStale(head, owner, kpt) : () => false,
  });
  if (taken.length) return passThrough([...results, ...taken.map((head) => nameTakenResult(head, owner.name))]);
  return respond(items, [...results, ...pruned.map((head) => prunedResult(head, owner))]);
}

/**
 * Replaces items that have a generated object's identity (keeping the runner annotations they carry, such as kpt's
 * file path, so the file is rewritten in place), appends the rest, and drops the items `isStale` names. An item with
 * a generated object's identity that `mayReplace` refuses is `taken`: someone else's object of that name.
 */
function upsert(
  items: readonly Item[],
  generated: readonly KubeObject[],
  rules: { mayReplace: (head: ItemHead) => boolean; isStale: (head: ItemHead) => boolean },
) {
  const byKey = new Map(generated.map((object) => [keyOf(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name), object]));
  const used = new Set<string>();
  const out: string[] = [];
  const pruned: ItemHead[] = [];
  const taken: ItemHead[] = [];
  for (const item of items) {
    const key = keyOf(item.head.apiVersion, item.head.kind, item.head.namespace, item.head.name);
    const replacement = byKey.get(key);
    if (replacement) {
      used.add(key);
      if (!rules.mayReplace(item.head)) taken.push(item.head);
      out.push(stringifyValue(withRunnerAnnotations(replacement, item.head)));
    } else if (rules.isStale(item.head)) {
      pruned.push(item.head);
    } else {
      out.push(item.text);
    }
  }
  for (const [key, object] of byKey) if (!used.has(key)) out.push(stringifyValue(object));
  return { items: out, pruned, taken };
}

const keyOf = (apiVersion = '', kind = '', namespace = '', name = ''): string => `${apiVersion}\u0000${kind}\u0000${namespace}\u0000${name}`;

function withRunnerAnnotations(object: KubeObject, head: ItemHead): KubeObject {
  const kept = Object.entries(head.annotations).filter(([key]) => isRunnerAnnotation(key));
  if (!kept.length) return object;
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, ...Object.fromEntries(kept) } } };
}

function refOf(config: unknown): ResourceRef | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const { apiVersion, kind, metadata } = config as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const name = metadata?.name;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string') return undefined;
  return { apiVersion, kind, name, ...(typeof metadata?.namespace === 'string' ? { namespace: metadata.namespace } : {}) };
}

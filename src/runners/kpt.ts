// kpt: the runner that keeps the function's output as files in a package and hands every file back on the next
// run. Here: where the TomodaApp's file is, where each generated object is written, and which of the objects
// handed back are stale (made for this TomodaApp by an earlier run, not made by this one) and so are pruned.
import { posix } from 'node:path';
import { ANNOTATION } from '../constants.js';
import type { ItemHead } from '../io/item-head.js';
import type { Item } from '../io/resource-list.js';
import type { KubeObject } from '../render/index.js';
import { result, type ResourceRef, type Result } from '../results.js';
import { locationOf, pathOf } from './annotations.js';
import { identityOf, isEmittedKind, isMarkedFor, ownerMark, sameObject } from './ownership.js';

export interface KptPackage {
  /** The TomodaApp's file, when known. */
  configFile?: string;
  /** The directory generated objects are written to and pruned from: the TomodaApp's, else the package root. */
  dir: string;
}

/** The TomodaApp this run generates for: its name, and the namespace its objects go to (empty for none). */
export interface Owner {
  name: string;
  namespace: string;
}

/** kpt hands the function every item with its file path; kustomize and Argo CD hand it none. */
export function kptPackageOf(items: readonly Item[], config: unknown, ref: ResourceRef | undefined): KptPackage | undefined {
  if (!items.some((item) => pathOf(item.head.annotations) !== undefined)) return undefined;
  const configFile = configFileOf(items, config, ref);
  return configFile ? { configFile, dir: posix.dirname(configFile) } : { dir: '.' };
}

/** Each object in its own file beside the TomodaApp's, marked as generated for it (so a later run may prune it). */
export function placeInPackage(object: KubeObject, pkg: KptPackage, owner: Owner): KubeObject {
  const file = posix.join(pkg.dir, `${object.kind.toLowerCase()}_${object.metadata.name}.yaml`);
  const annotations = {
    ...object.metadata.annotations,
    [ANNOTATION.generatedFor]: ownerMark(owner.name, identityOf(object)),
    [ANNOTATION.internalPath]: file,
    [ANNOTATION.path]: file, // kpt fails when the legacy path disagrees with the internal one
    [ANNOTATION.internalIndex]: '0',
    [ANNOTATION.index]: '0',
  };
  return { ...object, metadata: { ...object.metadata, annotations } };
}

/**
 * An object an earlier run generated for this TomodaApp that this run does not make (a removed pool): an emitted
 * kind (so never the TomodaApp, never a user's CRD), carrying this TomodaApp's mark that matches its own identity
 * (so not a user's object, however labelled, nor a copy of a generated file renamed by hand), in the TomodaApp's
 * namespace and directory (another TomodaApp of the same name, prod/ beside dev/, keeps its objects).
 */
export function isStale(head: ItemHead, owner: Owner, pkg: KptPackage): boolean {
  if (!isEmittedKind(head) || !isMarkedFor(head, head.annotations, owner.name)) return false;
  if ((head.namespace ?? '') !== owner.namespace) return false;
  const path = pathOf(head.annotations);
  return path === undefined || posix.dirname(path) === pkg.dir;
}

/** What a person reads about a pruned object: kpt deletes its file. */
export function prunedResult(head: ItemHead, owner: Owner): Result {
  const path = pathOf(head.annotations);
  const where = path === undefined ? '' : ` (${path})`;
  return {
    ...result('info', 'pruned', [], `pruned ${head.kind} ${head.name}${where}: generated for ${owner.name} by an earlier run, no longer generated`),
    ...locationOf(head),
  };
}

/**
 * The TomodaApp's file: its own path annotation (kpt fn render passes it), else the path of the one item with its
 * identity (kpt fn eval --fn-config). Several TomodaApps of that name and no path of its own: unknown.
 */
function configFileOf(items: readonly Item[], config: unknown, ref: ResourceRef | undefined): string | undefined {
  const own = pathOf((config as { metadata?: { annotations?: Record<string, string> } } | undefined)?.metadata?.annotations);
  if (typeof own === 'string') return own;
  const candidates = items.filter((i) => sameObject(i.head, ref) && pathOf(i.head.annotations) !== undefined);
  return candidates.length === 1 ? pathOf(candidates[0]!.head.annotations) : undefined;
}

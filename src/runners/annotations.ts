// The annotations runners write on items: where an object's file is (kpt) and its id (kpt, kustomize). The function
// reads them, keeps them on an object it regenerates, and never writes its own values over them.
import { ANNOTATION } from '../constants.js';
import type { ItemHead } from '../io/item-head.js';
import type { Result } from '../results.js';

/** The file an item came from (kpt), if any. */
export const pathOf = (annotations: Readonly<Record<string, string>> | undefined): string | undefined =>
  annotations?.[ANNOTATION.internalPath] ?? annotations?.[ANNOTATION.path];

/** Where a runner keeps an object (file, index, id): kept when the object is regenerated, so it is rewritten in place. */
export const isRunnerAnnotation = (key: string): boolean =>
  key.startsWith(ANNOTATION.internalPrefix) || key === ANNOTATION.path || key === ANNOTATION.index || key === ANNOTATION.id;

/** What a result about an item points at: the item, and its file when a runner gave one. */
export function locationOf(head: ItemHead): Pick<Result, 'resourceRef' | 'file'> {
  const path = pathOf(head.annotations);
  return {
    resourceRef: { apiVersion: head.apiVersion ?? '', kind: head.kind ?? '', name: head.name ?? '', ...(head.namespace ? { namespace: head.namespace } : {}) },
    ...(path === undefined ? {} : { file: { path } }),
  };
}

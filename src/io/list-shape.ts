// What a ResourceList is to the function, whichever reader read it.
import { ANNOTATION, RESOURCE_LIST_API_VERSION } from '../constants.js';
import type { ItemHead } from './item-head.js';

export interface Item {
  /** The item as YAML text at column 0, without a trailing newline (blank lines a block scalar keeps stay). */
  text: string;
  head: ItemHead;
}

export interface ResourceList {
  apiVersion: string;
  items: Item[];
  functionConfig?: { value: unknown; text: string };
}

export const ACCEPTED_VERSIONS = [RESOURCE_LIST_API_VERSION, 'config.kubernetes.io/v1alpha1'];

const LEGACY_RUNNER_KEYS = new Set(['config.kubernetes.io/path', 'config.kubernetes.io/index', 'config.k8s.io/id', 'config.kubernetes.io/local-config']);

/** Annotations and labels the function reads from pass-through items. */
export const isTrackedKey = (key: string): boolean =>
  key.startsWith('internal.config.kubernetes.io/') || LEGACY_RUNNER_KEYS.has(key) || key.startsWith('app.kubernetes.io/') || key === ANNOTATION.generatedFor;

// What graph and import read: a YAML stream, a List or a ResourceList of Kubernetes objects. A TomodaApp among
// them is rendered by the function itself, so a config file and its rendered objects give the same answer.
import { FUNCTION_NAME, KIND, LABEL, RESOURCE_LIST_KIND } from '../constants.js';
import { loadConfig } from '../config/load.js';
import { parseYamlDocuments } from '../io/config-file.js';
import { InputError } from '../io/resource-list.js';
import { renderAll, type KubeObject } from '../render/index.js';
import type { Result } from '../results.js';
import { at, isRecord } from '../verify/objects.js';

export interface ReadObjects {
  objects: KubeObject[];
  /** What loading a TomodaApp said; an error here means no objects were rendered for it. */
  results: Result[];
}

export function readObjects(text: string, source: string): ReadObjects {
  if (text.trim() === '') throw new InputError(`${source} is empty; expected Kubernetes objects, a ResourceList or a ${KIND}`);
  const values = parseYamlDocuments(text, source).flatMap(listItems);
  const results: Result[] = [];
  const objects: KubeObject[] = [];
  values.forEach((value, index) => {
    if (!isObject(value)) throw new InputError(`${source}: document ${index + 1} is not a Kubernetes object (it has no apiVersion, kind and metadata.name)`);
    if (value.kind !== KIND) return objects.push(value);
    const loaded = loadConfig(value);
    results.push(...loaded.results);
    if (loaded.model) objects.push(...renderAll(loaded.model, { hashSuffix: false }));
  });
  return { objects, results };
}

/**
 * The items of a ResourceList or List. A ResourceList's TomodaApp functionConfig counts too, unless the items
 * already hold a TomodaApp or what the function rendered (a list the function wrote).
 */
export function listItems(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (!isRecord(value)) return [value];
  const items = Array.isArray(value.items) ? (value.items as unknown[]) : [];
  if (value.kind === RESOURCE_LIST_KIND) {
    const rendered = items.some((item) => at(item, ['kind']) === KIND || at(item, ['metadata', 'labels', LABEL.managedBy]) === FUNCTION_NAME);
    return at(value, ['functionConfig', 'kind']) === KIND && !rendered ? [...items, value.functionConfig] : items;
  }
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) return items;
  return [value];
}

const isObject = (value: unknown): value is KubeObject =>
  isRecord(value) &&
  typeof value.apiVersion === 'string' &&
  typeof value.kind === 'string' &&
  isRecord(value.metadata) &&
  typeof value.metadata.name === 'string';

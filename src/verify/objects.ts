// Read-only views of rendered objects for the checks. The checks trust nothing about the shape of what they
// read (a renderer bug is exactly what they look for), so every field is `unknown` until it is looked at.
import type { KubeObject } from '../render/meta.js';
import { kindChecksOf } from './kinds.js';
import { error, type CheckCode, type Path, type ResourceRef, type Result } from '../results.js';

export type Fields = Record<string, unknown>;

export const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field present with a value: Kubernetes (Go) reads `null` as not set. */
export const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** The value at `path`, or undefined where the path leaves the object. */
export function at(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number' ? !Array.isArray(current) : !isRecord(current)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The entries of a list that are maps, with their index (entries of any other type are skipped). */
export const entries = (value: unknown): Array<[number, Fields]> =>
  Array.isArray(value) ? value.flatMap((item, i): Array<[number, Fields]> => (isRecord(item) ? [[i, item]] : [])) : [];

/** A map of strings (labels, annotations, matchLabels); non-string values are left out. */
export const stringsOf = (value: unknown): Record<string, string> =>
  isRecord(value) ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {};

export const nameOf = (object: KubeObject): string => (typeof object.metadata?.name === 'string' ? object.metadata.name : '');
export const namespaceOf = (object: KubeObject): string => (typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : '');
export const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

export function refOf(object: KubeObject): ResourceRef {
  const namespace = namespaceOf(object);
  return { apiVersion: object.apiVersion, kind: object.kind, name: nameOf(object), ...(namespace ? { namespace } : {}) };
}

/** A problem with one rendered object, at a field path inside it. */
export const finding = (object: KubeObject, code: CheckCode, path: Path, message: string): Result => ({
  ...error(code, path, message),
  resourceRef: refOf(object),
});

export const describeObject = (object: KubeObject): string => `${object.kind}/${nameOf(object)}`;

// ---- workloads and their pods --------------------------------------------------------------------------

export interface PodTemplate {
  workload: KubeObject;
  /** Path of the pod template's `metadata`/`spec` parent inside the workload. */
  path: Path;
  labels: Record<string, string>;
  spec: Fields;
}

export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  const path = kindChecksOf(object)?.podTemplate;
  if (!path) return undefined;
  const template = at(object, path);
  const spec = at(template, ['spec']);
  return { workload: object, path, labels: stringsOf(at(template, ['metadata', 'labels'])), spec: isRecord(spec) ? spec : {} };
}

export const podTemplatesOf = (objects: readonly KubeObject[]): PodTemplate[] => objects.flatMap((o) => podTemplateOf(o) ?? []);

export interface Container {
  /** containers, initContainers or ephemeralContainers */
  list: string;
  index: number;
  fields: Fields;
}

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export const containersOf = (spec: Fields): Container[] =>
  CONTAINER_LISTS.flatMap((list) => entries(spec[list]).map(([index, fields]) => ({ list, index, fields })));

// ---- label selectors -------------------------------------------------------------------------------------

/** A Service's plain map selector or a LabelSelector (matchLabels and matchExpressions), as Kubernetes reads them. */
export function selectorMatches(selector: unknown, labels: Record<string, string>, plainMap = false): boolean {
  if (!isRecord(selector)) return false;
  if (plainMap) return Object.entries(stringsOf(selector)).every(([key, value]) => labels[key] === value);
  const matchLabels = Object.entries(stringsOf(selector.matchLabels)).every(([key, value]) => labels[key] === value);
  return matchLabels && entries(selector.matchExpressions).every(([, expression]) => expressionMatches(expression, labels));
}

function expressionMatches(expression: Fields, labels: Record<string, string>): boolean {
  const key = String(expression.key);
  const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
  const has = Object.hasOwn(labels, key);
  switch (expression.operator) {
    case 'In':
      return has && values.includes(labels[key]!);
    case 'NotIn':
      return !has || !values.includes(labels[key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** True when a selector selects nothing at all or everything (an empty selector matches every pod). */
export function selectorIsEmpty(selector: unknown, plainMap = false): boolean {
  if (!isRecord(selector)) return true;
  if (plainMap) return Object.keys(selector).length === 0;
  return Object.keys(stringsOf(selector.matchLabels)).length === 0 && entries(selector.matchExpressions).length === 0;
}

/** Pods by namespace and label, so that a selector finds its pods without a scan of every workload. */
export interface PodIndex {
  /** The pods in `namespace` that `selector` matches, in the order of the objects. */
  select(selector: unknown, namespace: string, plainMap?: boolean): PodTemplate[];
}

export function indexPods(pods: readonly PodTemplate[]): PodIndex {
  const byLabel = new Map<string, PodTemplate[]>();
  const byNamespace = new Map<string, PodTemplate[]>();
  const add = (map: Map<string, PodTemplate[]>, key: string, pod: PodTemplate): void => {
    const list = map.get(key);
    if (list) list.push(pod);
    else map.set(key, [pod]);
  };
  const labelKey = (namespace: string, key: string, value: string): string => `${namespace}\u0000${key}\u0000${value}`;
  for (const pod of pods) {
    const namespace = namespaceOf(pod.workload);
    add(byNamespace, namespace, pod);
    for (const [key, value] of Object.entries(pod.labels)) add(byLabel, labelKey(namespace, key, value), pod);
  }
  return {
    select(selector, namespace, plainMap = false) {
      if (!isRecord(selector)) return [];
      // A pod the selector matches carries every matchLabels pair: the smallest such bucket holds them all.
      const required = Object.entries(stringsOf(plainMap ? selector : selector.matchLabels));
      const candidates = required.length
        ? required.map(([key, value]) => byLabel.get(labelKey(namespace, key, value)) ?? []).reduce((a, b) => (b.length < a.length ? b : a))
        : (byNamespace.get(namespace) ?? []);
      return candidates.filter((pod) => selectorMatches(selector, pod.labels, plainMap));
    },
  };
}

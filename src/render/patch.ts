// The escape hatch: each workload's patches (JSON merge patch, RFC 7386, or JSON patch, RFC 6902) applied to the
// objects it rendered. Pure: patched objects are copies, and a patch that cannot apply is a Result, never a throw.
// The post-render checks then run on the patched objects like on any other.
import { LABEL } from '../constants.js';
import type { Model, Workload } from '../config/model.js';
import { error, type Path, type Result } from '../results.js';
import type { KubeObject } from './meta.js';

export interface Patched {
  objects: KubeObject[];
  /** Which patch (its config path) last changed each patched object, by index in `objects`. */
  patchedBy: Map<number, Path>;
  results: Result[];
}

type Json = unknown;
type JsonMap = Record<string, Json>;

export function applyPatches(objects: readonly KubeObject[], model: Model): Patched {
  const out = [...objects];
  const patchedBy = new Map<number, Path>();
  const results: Result[] = [];
  for (const workload of model.workloads) {
    for (const patch of workload.patches) {
      const index = out.findIndex((o) => o.kind === patch.target && ownedBy(o, workload));
      // The unknown-target rule (config/rules.ts) refuses, before rendering, a target the workload does not render.
      if (index < 0) throw new Error(`${workload.name} renders no ${patch.target}, which the unknown-target rule refuses`);
      const before = out[index]!;
      const applied = patch.merge !== undefined ? { value: mergePatch(before, patch.merge) } : jsonPatch(before, patch.json ?? [], patch.path);
      if ('problem' in applied) {
        results.push(applied.problem);
        continue;
      }
      const after = applied.value as KubeObject;
      const moved = identityChange(before, after);
      if (moved) {
        results.push(
          error('patch-identity', patch.path, `changes ${moved} of ${before.kind}/${before.metadata.name}; a patch may not rename or move an object`),
        );
        continue;
      }
      out[index] = after;
      patchedBy.set(index, patch.path);
    }
  }
  return { objects: out, patchedBy, results };
}

const ownedBy = (object: KubeObject, workload: Workload): boolean => object.metadata.labels?.[LABEL.app] === workload.name;

function identityChange(before: KubeObject, after: unknown): string | undefined {
  const a = after as Partial<KubeObject> | null;
  if (!isMap(a)) return 'the whole object';
  if (a.apiVersion !== before.apiVersion) return 'apiVersion';
  if (a.kind !== before.kind) return 'kind';
  if (!isMap(a.metadata) || a.metadata.name !== before.metadata.name) return 'metadata.name';
  if (a.metadata.namespace !== before.metadata.namespace) return 'metadata.namespace';
  return undefined;
}

const isMap = (value: unknown): value is JsonMap => typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 7386: maps merge key by key, null removes a key, anything else (lists included) replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return structuredClone(patch);
  const result: JsonMap = isMap(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface Operation {
  op: 'add' | 'remove' | 'replace' | 'test';
  path: string;
  value?: unknown;
}

/** RFC 6902 add, remove, replace and test; the first operation that cannot apply stops the patch. */
export function jsonPatch(target: Json, operations: readonly Operation[], path: Path): { value: Json } | { problem: Result } {
  let doc = structuredClone(target);
  for (const [i, operation] of operations.entries()) {
    const where: Path = [...path, 'json', i];
    const problem = (message: string) => ({ problem: error('patch-failed', where, `${operation.op} ${operation.path}: ${message}`) });
    if (operation.op !== 'remove' && operation.value === undefined) return problem('needs a value');
    const tokens =
      operation.path === ''
        ? []
        : operation.path
            .slice(1)
            .split('/')
            .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
    if (tokens.length === 0) {
      if (operation.op === 'test') {
        if (!deepEqual(doc, operation.value)) return problem('the document differs from the value');
        continue;
      }
      if (operation.op === 'remove') return problem('cannot remove the whole object');
      doc = structuredClone(operation.value);
      continue;
    }
    const parent = resolve(doc, tokens.slice(0, -1));
    const last = tokens.at(-1)!;
    if (parent === undefined) return problem('the parent of this path does not exist');
    const outcome = Array.isArray(parent)
      ? applyToList(parent, last, operation)
      : isMap(parent)
        ? applyToMap(parent, last, operation)
        : 'the parent is neither a map nor a list';
    if (outcome) return problem(outcome);
  }
  return { value: doc };
}

function resolve(doc: Json, tokens: string[]): Json | undefined {
  let current: Json = doc;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      const index = listIndex(token, current.length - 1);
      if (index === undefined) return undefined;
      current = current[index];
    } else if (isMap(current) && Object.hasOwn(current, token)) {
      current = current[token];
    } else {
      return undefined;
    }
  }
  return current;
}

const listIndex = (token: string, max: number): number | undefined => (/^(0|[1-9][0-9]*)$/.test(token) && Number(token) <= max ? Number(token) : undefined);

function applyToMap(parent: JsonMap, key: string, operation: Operation): string | undefined {
  const exists = Object.hasOwn(parent, key);
  switch (operation.op) {
    case 'add':
      parent[key] = structuredClone(operation.value);
      return undefined;
    case 'replace':
      if (!exists) return `"${key}" does not exist; use add`;
      parent[key] = structuredClone(operation.value);
      return undefined;
    case 'remove':
      if (!exists) return `"${key}" does not exist`;
      delete parent[key];
      return undefined;
    case 'test':
      return exists && deepEqual(parent[key], operation.value) ? undefined : 'the value differs';
  }
}

function applyToList(parent: Json[], token: string, operation: Operation): string | undefined {
  if (operation.op === 'add') {
    const index = token === '-' ? parent.length : listIndex(token, parent.length);
    if (index === undefined) return `${token} is not an index of a list of ${parent.length}`;
    parent.splice(index, 0, structuredClone(operation.value));
    return undefined;
  }
  const index = listIndex(token, parent.length - 1);
  if (index === undefined) return `${token} is not an index of a list of ${parent.length}`;
  if (operation.op === 'remove') parent.splice(index, 1);
  else if (operation.op === 'replace') parent[index] = structuredClone(operation.value);
  else if (!deepEqual(parent[index], operation.value)) return 'the value differs';
  return undefined;
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

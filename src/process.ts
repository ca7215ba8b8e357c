// processResourceList: the function itself, with no I/O. Items pass through untouched; generated
// objects are upserted by apiVersion/kind/namespace/name, so a second run on the output changes nothing.
import { posix } from 'node:path';
import { ANNOTATION, API_VERSION, KIND, LABEL, FUNCTION_NAME } from './constants.js';
import { loadConfig } from './config/load.js';
import type { ItemHead } from './io/item-head.js';
import { stringifyValue, type Item, type OutputList, type ResourceList } from './io/resource-list.js';
import { renderAll, type KubeObject } from './render/index.js';
import { applyPatches } from './render/patch.js';
import { error, hasErrors, type ResourceRef, type Result } from './results.js';
import { verifyContextOf } from './verify/context.js';
import { asDefect, verifyRendered } from './verify/index.js';
import { checkPatched } from './verify/patched.js';

export interface Processed {
  output: OutputList;
  ok: boolean;
}

export function processResourceList(list: ResourceList): Processed {
  const passThrough = (results: Result[]): Processed => ({
    output: { apiVersion: list.apiVersion, items: list.items.map((item) => item.text), ...configText(list), results },
    ok: !hasErrors(results),
  });

  if (!list.functionConfig) {
    return passThrough([error('no-function-config', [], `the ResourceList has no functionConfig; give this function a ${KIND} (apiVersion ${API_VERSION}) as its config`)]);
  }
  const { app, model, results: loadResults } = loadConfig(list.functionConfig.value);
  const configRef = refOf(list.functionConfig.value);
  const configFile = configFileOf(list.items, list.functionConfig.value, configRef);
  const results = loadResults.map((r) => ({ ...r, ...(configRef ? { resourceRef: configRef } : {}), ...(configFile ? { file: { path: configFile } } : {}) }));
  if (!app) return passThrough(results);

  const underKpt = list.items.some((item) => item.head.annotations[ANNOTATION.internalPath] !== undefined || item.head.annotations[ANNOTATION.path] !== undefined);
  // kustomize's generator mode hands the function its own config as a local-config item (and no file paths):
  // only there does kustomize honour needs-hash. The config stays in the output, so a second run sees the same.
  const generatorMode = !underKpt && list.items.some((item) => sameObject(item.head, configRef) && item.head.annotations[ANNOTATION.localConfig] === 'true');
  const rendered = renderAll(model!, { hashSuffix: generatorMode });
  // The config was valid, so anything the checks find in the objects made from it is a bug here: say so, write none.
  const context = verifyContextOf(model!);
  const defects = verifyRendered(rendered, context);
  if (defects.length) return passThrough([...results, ...defects.map(asDefect)]);
  // The user's patches (the escape hatch) apply after that, and the same checks judge what they did.
  const patched = applyPatches(rendered, model!);
  const patchResults = [...patched.results, ...(hasErrors(patched.results) ? [] : checkPatched(patched, context))].map((r) => ({
    ...(configRef ? { resourceRef: configRef } : {}),
    ...r,
    ...(configFile ? { file: { path: configFile } } : {}),
  }));
  if (hasErrors(patchResults)) return passThrough([...results, ...patchResults]);
  results.push(...patchResults);
  const generated = patched.objects;
  const placed = underKpt ? generated.map((object) => withPath(object, configFile)) : generated;
  const scope: Scope = { app: app.metadata.name, namespace: app.spec.namespace ?? '', ...(underKpt ? { dir: configFile ? posix.dirname(configFile) : '.' } : {}) };
  return { output: { apiVersion: list.apiVersion, items: upsert(list.items, placed, scope), ...configText(list), results }, ok: !hasErrors(results) };
}

const configText = (list: ResourceList): { functionConfig?: string } => (list.functionConfig ? { functionConfig: list.functionConfig.text } : {});

/**
 * Replaces items that have a generated object's identity (keeping the runner annotations they carry, such as
 * kpt's file path), appends the rest, and drops objects an earlier run generated for this app that it no
 * longer generates (a removed pool), so that under kpt their files go too.
 */
function upsert(items: Item[], generated: KubeObject[], scope: Scope): string[] {
  const byKey = new Map(generated.map((object) => [keyOf(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name), object]));
  const used = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const key = keyOf(item.head.apiVersion, item.head.kind, item.head.namespace, item.head.name);
    const replacement = byKey.get(key);
    if (replacement) {
      used.add(key);
      out.push(stringifyValue(withRunnerAnnotations(replacement, item.head)));
    } else if (!isStale(item.head, scope)) {
      out.push(item.text);
    }
  }
  for (const [key, object] of byKey) if (!used.has(key)) out.push(stringifyValue(object));
  return out;
}

/** Where kpt keeps an object (file, index, id): kept when an object is regenerated, so its file is rewritten in place. */
const isFileAnnotation = (key: string): boolean =>
  key.startsWith(ANNOTATION.internalPrefix) || key === ANNOTATION.path || key === ANNOTATION.index || key === ANNOTATION.id;

/** What this run owns: objects of this app in its namespace and, under kpt, in the TomodaApp's directory. */
interface Scope {
  app: string;
  namespace: string;
  dir?: string;
}

/** An object an earlier run made for this config that this run does not make (a removed pool). Another TomodaApp
 * of the same name (prod/ beside dev/ in one kpt package) differs in namespace or directory and is left alone. */
function isStale(head: ItemHead, scope: Scope): boolean {
  if (head.labels[LABEL.managedBy] !== FUNCTION_NAME || head.labels[LABEL.partOf] !== scope.app) return false;
  if ((head.namespace ?? '') !== scope.namespace) return false;
  const path = pathOf(head.annotations);
  return scope.dir === undefined || path === undefined || posix.dirname(path) === scope.dir;
}

const pathOf = (annotations: Record<string, string> | undefined): string | undefined =>
  annotations?.[ANNOTATION.internalPath] ?? annotations?.[ANNOTATION.path];

const keyOf = (apiVersion = '', kind = '', namespace = '', name = ''): string => `${apiVersion}\u0000${kind}\u0000${namespace}\u0000${name}`;

function withRunnerAnnotations(object: KubeObject, head: ItemHead): KubeObject {
  const kept = Object.entries(head.annotations).filter(([key]) => isFileAnnotation(key));
  if (!kept.length) return object;
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, ...Object.fromEntries(kept) } } };
}

/** Under kpt: write each object to its own file beside the TomodaApp file. */
function withPath(object: KubeObject, configFile: string | undefined): KubeObject {
  const dir = configFile ? posix.dirname(configFile) : '.';
  const file = posix.join(dir, `${object.kind.toLowerCase()}_${object.metadata.name}.yaml`);
  const annotations = {
    ...object.metadata.annotations,
    [ANNOTATION.internalPath]: file,
    [ANNOTATION.path]: file,
    [ANNOTATION.internalIndex]: '0',
    [ANNOTATION.index]: '0',
  };
  return { ...object, metadata: { ...object.metadata, annotations } };
}

function refOf(config: unknown): ResourceRef | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const { apiVersion, kind, metadata } = config as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const name = metadata?.name;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string') return undefined;
  return { apiVersion, kind, name, ...(typeof metadata?.namespace === 'string' ? { namespace: metadata.namespace } : {}) };
}

const sameObject = (head: ItemHead, ref: ResourceRef | undefined): boolean =>
  ref !== undefined && head.apiVersion === ref.apiVersion && head.kind === ref.kind && head.name === ref.name;

/**
 * The TomodaApp's file under kpt: its own path annotation (kpt fn render passes it), else the path of the one item
 * with its identity (kpt fn eval --fn-config). Several TomodaApps of that name and no path of its own: unknown.
 */
function configFileOf(items: Item[], config: unknown, ref: ResourceRef | undefined): string | undefined {
  const own = pathOf((config as { metadata?: { annotations?: Record<string, string> } } | undefined)?.metadata?.annotations);
  if (typeof own === 'string') return own;
  const candidates = items.filter((i) => sameObject(i.head, ref) && pathOf(i.head.annotations) !== undefined);
  return candidates.length === 1 ? pathOf(candidates[0]!.head.annotations) : undefined;
}

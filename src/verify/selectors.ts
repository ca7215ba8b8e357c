// Selectors that select their own pods and no other workload's: a workload whose selector misses its own
// template is rejected by the API server, and one that overlaps another's makes two controllers fight over
// the same pods. Services, NetworkPolicies and PodDisruptionBudgets must each select exactly one workload.
import type { KubeObject } from '../render/meta.js';
import type { Path, Result } from '../results.js';
import { at, describeObject, finding, namespaceOf, podTemplatesOf, selectorIsEmpty, selectorMatches, type PodTemplate } from './objects.js';

interface SelectorField {
  path: Path;
  /** A Service selector is a plain map; the others are LabelSelectors. */
  plainMap: boolean;
}

const SELECTORS: Record<string, SelectorField> = {
  Service: { path: ['spec', 'selector'], plainMap: true },
  NetworkPolicy: { path: ['spec', 'podSelector'], plainMap: false },
  PodDisruptionBudget: { path: ['spec', 'selector'], plainMap: false },
};

export function checkSelectors(objects: readonly KubeObject[]): Result[] {
  const pods = podTemplatesOf(objects);
  return [...pods.flatMap((own) => checkWorkloadSelector(own, pods)), ...objects.flatMap((object) => checkPodSelector(object, pods))];
}

function checkWorkloadSelector(own: PodTemplate, pods: PodTemplate[]): Result[] {
  if (own.workload.kind === 'Pod' || own.workload.kind === 'Job' || own.workload.kind === 'CronJob') return []; // selectors are generated
  const path: Path = ['spec', 'selector'];
  const selector = at(own.workload, path);
  if (selectorIsEmpty(selector)) return [finding(own.workload, 'selector', path, 'is missing or empty; it must select this workload\'s pods')];
  const results: Result[] = [];
  if (!selectorMatches(selector, own.labels)) {
    results.push(finding(own.workload, 'selector', path, `does not match the labels of its own pod template (${[...own.path, 'metadata', 'labels'].join('.')})`));
  }
  for (const other of pods) {
    if (other !== own && sameNamespace(other.workload, own.workload) && selectorMatches(selector, other.labels)) {
      results.push(finding(own.workload, 'selector', path, `also matches the pods of ${describeObject(other.workload)}; the two controllers would fight over them`));
    }
  }
  return results;
}

function checkPodSelector(object: KubeObject, pods: PodTemplate[]): Result[] {
  const field = SELECTORS[object.kind];
  if (!field) return [];
  const selector = at(object, field.path);
  if (selectorIsEmpty(selector, field.plainMap)) {
    // A Service without a selector has hand-made endpoints; the reference checks decide whether that is wanted.
    return object.kind === 'Service' ? [] : [finding(object, 'selector', field.path, 'is empty, so it selects every pod in the namespace; select one workload')];
  }
  const selected = pods.filter((pod) => sameNamespace(pod.workload, object) && selectorMatches(selector, pod.labels, field.plainMap));
  if (selected.length === 0) return [finding(object, 'selector', field.path, 'selects no pods of any generated workload')];
  if (selected.length > 1) {
    return [finding(object, 'selector', field.path, `selects the pods of ${selected.length} workloads (${selected.map((p) => describeObject(p.workload)).join(', ')}); it must select one`)];
  }
  return [];
}

const sameNamespace = (a: KubeObject, b: KubeObject): boolean => namespaceOf(a) === namespaceOf(b);

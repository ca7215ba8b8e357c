// Selectors that select their own pods and no other workload's: a workload whose selector misses its own
// template is rejected by the API server, and one that overlaps another's makes two controllers fight over
// the same pods. Services, NetworkPolicies and PodDisruptionBudgets must each select exactly one workload.
import type { KubeObject } from '../render/meta.js';
import type { Path, Result } from '../results.js';
import { kindChecksOf } from './kinds.js';
import { at, describeObject, finding, indexPods, namespaceOf, podTemplatesOf, selectorIsEmpty, selectorMatches, type PodIndex, type PodTemplate } from './objects.js';

export function checkSelectors(objects: readonly KubeObject[]): Result[] {
  const pods = podTemplatesOf(objects);
  const index = indexPods(pods);
  return [...pods.flatMap((own) => checkWorkloadSelector(own, index)), ...objects.flatMap((object) => checkPodSelector(object, index))];
}

function checkWorkloadSelector(own: PodTemplate, index: PodIndex): Result[] {
  const path: Path = kindChecksOf(own.workload)?.selector?.path ?? ['spec', 'selector'];
  const selector = at(own.workload, path);
  if (selectorIsEmpty(selector)) return [finding(own.workload, 'selector', path, 'is missing or empty; it must select this workload\'s pods')];
  const results: Result[] = [];
  if (!selectorMatches(selector, own.labels)) {
    results.push(finding(own.workload, 'selector', path, `does not match the labels of its own pod template (${[...own.path, 'metadata', 'labels'].join('.')})`));
  }
  for (const other of index.select(selector, namespaceOf(own.workload))) {
    if (other !== own) {
      results.push(finding(own.workload, 'selector', path, `also matches the pods of ${describeObject(other.workload)}; the two controllers would fight over them`));
    }
  }
  return results;
}

/** Objects that select pods without running them: Services, NetworkPolicies, PodDisruptionBudgets. */
function checkPodSelector(object: KubeObject, index: PodIndex): Result[] {
  const checks = kindChecksOf(object);
  const field = checks?.podTemplate ? undefined : checks?.selector;
  if (!field) return [];
  const selector = at(object, field.path);
  if (selectorIsEmpty(selector, field.plainMap)) {
    // A Service without a selector has hand-made endpoints; the reference checks decide whether that is wanted.
    return field.plainMap ? [] : [finding(object, 'selector', field.path, 'is empty, so it selects every pod in the namespace; select one workload')];
  }
  const selected = index.select(selector, namespaceOf(object), field.plainMap);
  if (selected.length === 0) return [finding(object, 'selector', field.path, 'selects no pods of any generated workload')];
  if (selected.length > 1) {
    return [finding(object, 'selector', field.path, `selects the pods of ${selected.length} workloads (${selected.map((p) => describeObject(p.workload)).join(', ')}); it must select one`)];
  }
  return [];
}

// What a pod template must hold together, read from the rendered objects only: a preStop sleep that fits the grace
// period, a rolling update that can progress, spread and anti-affinity selectors that count the workload's own
// pods, and a ServiceAccount that exists (rendered, or declared as made elsewhere).
import { isZero } from '../k8s/int-or-percent.js';
import { DEFAULT_GRACE_SECONDS, sleepFitsGrace } from '../k8s/pod.js';
import type { KubeObject } from '../render/meta.js';
import type { Path, Result } from '../results.js';
import { at, containersOf, entries, finding, namespaceOf, nameOf, podTemplatesOf, selectorMatches, type PodTemplate } from './objects.js';

export function checkWorkloads(objects: readonly KubeObject[], providedServiceAccounts: ReadonlySet<string> = new Set()): Result[] {
  const accounts = objects.filter((o) => o.kind === 'ServiceAccount');
  return podTemplatesOf(objects).flatMap((pod) => [
    ...checkGrace(pod),
    ...checkRollingUpdate(pod.workload),
    ...checkOwnSelectors(pod),
    ...checkServiceAccount(pod, accounts, providedServiceAccounts),
  ]);
}

function checkGrace(pod: PodTemplate): Result[] {
  const grace = pod.spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
  return containersOf(pod.spec).flatMap((container) => {
    const path: Path = [...pod.path, 'spec', container.list, container.index, 'lifecycle', 'preStop', 'sleep', 'seconds'];
    const sleep = at(container.fields, ['lifecycle', 'preStop', 'sleep', 'seconds']);
    if (typeof sleep !== 'number' || typeof grace !== 'number' || sleepFitsGrace(sleep, grace)) return [];
    return [finding(pod.workload, 'grace-period', path, `a preStop sleep of ${sleep}s does not fit terminationGracePeriodSeconds ${grace}`)];
  });
}

function checkRollingUpdate(workload: KubeObject): Result[] {
  if (workload.kind !== 'Deployment') return [];
  const path: Path = ['spec', 'strategy', 'rollingUpdate'];
  const surge = at(workload, [...path, 'maxSurge']) as number | string | undefined;
  const unavailable = at(workload, [...path, 'maxUnavailable']) as number | string | undefined;
  return isZero(surge) && isZero(unavailable) ? [finding(workload, 'rollout-stuck', path, 'maxSurge and maxUnavailable are both 0')] : [];
}

/** Spread constraints and (anti-)affinity terms generated for a workload must count that workload's pods. */
function checkOwnSelectors(pod: PodTemplate): Result[] {
  const spec: Path = [...pod.path, 'spec'];
  const spread = entries(pod.spec.topologySpreadConstraints).map(([i, c]): [Path, unknown] => [
    [...spec, 'topologySpreadConstraints', i, 'labelSelector'],
    c.labelSelector,
  ]);
  const anti = ['requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution'].flatMap((field) =>
    entries(at(pod.spec, ['affinity', 'podAntiAffinity', field])).map(([i, term]): [Path, unknown] => {
      const own = term.podAffinityTerm ?? term;
      return [
        [...spec, 'affinity', 'podAntiAffinity', field, i, ...(term.podAffinityTerm ? ['podAffinityTerm'] : []), 'labelSelector'],
        at(own, ['labelSelector']),
      ];
    }),
  );
  return [...spread, ...anti].flatMap(([path, selector]) =>
    selector === undefined || selectorMatches(selector, pod.labels)
      ? []
      : [finding(pod.workload, 'spread-selector', path, "does not match the labels of the workload's own pods")],
  );
}

function checkServiceAccount(pod: PodTemplate, accounts: KubeObject[], provided: ReadonlySet<string>): Result[] {
  const name = pod.spec.serviceAccountName;
  if (name === undefined || (typeof name === 'string' && provided.has(name))) return [];
  if (accounts.some((a) => nameOf(a) === name && namespaceOf(a) === namespaceOf(pod.workload))) return [];
  return [
    finding(
      pod.workload,
      'unresolved-reference',
      [...pod.path, 'spec', 'serviceAccountName'],
      `ServiceAccount "${String(name)}" is neither generated nor declared as made elsewhere (serviceAccount.external)`,
    ),
  ];
}

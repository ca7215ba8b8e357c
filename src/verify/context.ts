// What the config says that the rendered objects cannot: which Secrets and ConfigMaps are made elsewhere, and
// which rules a workload waives on purpose. Read from the resolved model as data, so a waiver exists only where
// the user asked for it (a security field, a drain-blocking budget the config keeps after a warning).
import type { Model, Pod } from '../config/model.js';
import type { VerifyContext } from './index.js';
import type { PodSecurityRule } from './pod-security.js';

export function verifyContextOf(model: Model): VerifyContext {
  const { workloads } = model;
  const jobs = [...(model.migration ? [model.migration] : []), ...model.cronJobs];
  const pods = [...workloads, ...jobs];
  const external = pods.flatMap((pod) => [...pod.envFrom, ...pod.podSources]).filter((source) => !source.rendered);
  const kedaSecrets = workloads.flatMap((w) => (w.keda?.password && !w.keda.password.rendered ? [w.keda.password.secret] : []));
  return {
    provided: {
      secrets: new Set([...external.filter((s) => s.kind === 'secret').map((s) => s.name), ...kedaSecrets]),
      configMaps: new Set(external.filter((s) => s.kind === 'configMap').map((s) => s.name)),
    },
    waivers: new Map(pods.map((pod) => [pod.name, waivedRules(pod)])),
    blockingBudgetAccepted: new Set(workloads.filter((w) => w.disruptionBudget?.blocksDrain).map((w) => w.name)),
    serviceAccounts: new Set(pods.flatMap((pod) => (pod.pod.serviceAccountExternal && pod.pod.serviceAccountName ? [pod.pod.serviceAccountName] : []))),
  };
}

function waivedRules(pod: Pod): Set<PodSecurityRule> {
  const { security } = pod;
  const rules = new Set<PodSecurityRule>();
  if (!security.runAsNonRoot) rules.add('run-as-non-root');
  if (security.runAsUser === 0) rules.add('run-as-user');
  if (!security.readOnlyRootFilesystem) rules.add('read-only-root-filesystem');
  if (security.automountServiceAccountToken) rules.add('automount-token');
  return rules;
}

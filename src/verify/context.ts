// What the config says that the rendered objects cannot: which Secrets and ConfigMaps are made elsewhere, and
// which rules a workload waives on purpose. Derived from the resolved model and the config's own warnings, so a
// waiver exists only where the user asked for it (and, for a drain-blocking budget, was told about it).
import { resolveEnvFrom, resolveModel, type Model, type Workload } from '../config/model.js';
import type { TomodaApp } from '../config/schema.js';
import { formatPath, type Result } from '../results.js';
import type { VerifyContext } from './index.js';
import type { PodSecurityRule } from './pod-security.js';

export function verifyContextOf(app: TomodaApp, configResults: readonly Result[], model: Model = resolveModel(app)): VerifyContext {
  const { workloads } = model;
  const external = resolveEnvFrom(app).filter((source) => !source.rendered);
  const warned = new Set(configResults.filter((r) => r.severity === 'warning' && r.tags?.code === 'pdb-blocks-drain').map((r) => r.field?.path));
  return {
    provided: {
      secrets: new Set(external.filter((s) => s.kind === 'secret').map((s) => s.name)),
      configMaps: new Set(external.filter((s) => s.kind === 'configMap').map((s) => s.name)),
    },
    waivers: new Map(workloads.map((w) => [w.name, waivedRules(w)])),
    blockingBudgetAccepted: new Set(workloads.filter((w) => warned.has(formatPath([...w.path, 'disruptionBudget']))).map((w) => w.name)),
  };
}

function waivedRules(workload: Workload): Set<PodSecurityRule> {
  const { security } = workload;
  const rules = new Set<PodSecurityRule>();
  if (!security.runAsNonRoot) rules.add('run-as-non-root');
  if (security.runAsUser === 0) rules.add('run-as-user');
  if (!security.readOnlyRootFilesystem) rules.add('read-only-root-filesystem');
  if (security.automountServiceAccountToken) rules.add('automount-token');
  return rules;
}

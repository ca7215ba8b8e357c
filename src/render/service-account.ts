import type { Model } from '../config/model.js';
import { appLabels, objectMeta, syncWave, workloadLabels, type KubeObject } from './meta.js';

/**
 * ServiceAccounts never mount a token by default; a pod that needs one says so (security.automountServiceAccountToken).
 * Like the ConfigMap and ExternalSecrets, they go one Argo CD sync wave before a sync-wave migration that may run as one.
 */
export function renderServiceAccounts(model: Model): KubeObject[] {
  const pods = [...model.workloads, ...(model.migration ? [model.migration] : []), ...model.cronJobs];
  return model.serviceAccounts.map((account) => {
    const owner = pods.find((pod) => pod.name === account.owner);
    const annotations = Object.fromEntries(
      Object.keys(account.annotations)
        .sort()
        .map((key) => [key, account.annotations[key]!]),
    );
    return {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: objectMeta(model, account.name, owner ? workloadLabels(model, owner) : appLabels(model), { ...annotations, ...syncWave(model) }),
      automountServiceAccountToken: false,
    };
  });
}

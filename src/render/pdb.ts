import type { Model, Workload } from '../config/model.js';
import { selector, workloadMeta, type KubeObject } from './meta.js';

export function renderPodDisruptionBudget(model: Model, workload: Workload): KubeObject[] {
  const pdb = workload.disruptionBudget;
  if (!pdb) return [];
  return [
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: workloadMeta(model, workload, `${workload.name}-pdb`),
      spec: {
        ...(pdb.minAvailable !== undefined ? { minAvailable: pdb.minAvailable } : { maxUnavailable: pdb.maxUnavailable }),
        selector: { matchLabels: selector(workload) },
        // Pods that never became ready must not hold a node drain hostage.
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    },
  ];
}

// Queue-depth scaling with KEDA: a ScaledObject whose Redis triggers read the length of the Asynq queues'
// pending lists, and the TriggerAuthentication that hands KEDA the Redis password from a Secret.
import { KEDA_API_VERSION } from '../constants.js';
import type { Model, Workload } from '../config/model.js';
import { workloadMeta, type KubeObject } from './meta.js';

export function renderScaledObject(model: Model, workload: Workload): KubeObject[] {
  const keda = workload.keda;
  if (!keda?.address) return [];
  const auth = `${workload.name}-redis-auth`;
  // KEDA reads every trigger's metadata value as a string.
  const metadata = (listName: string) => ({
    address: keda.address!,
    listName,
    listLength: String(keda.listLength),
    ...(keda.activationListLength !== undefined ? { activationListLength: String(keda.activationListLength) } : {}),
    ...(keda.enableTLS !== undefined ? { enableTLS: String(keda.enableTLS) } : {}),
  });
  return [
    {
      apiVersion: KEDA_API_VERSION,
      kind: 'ScaledObject',
      metadata: workloadMeta(model, workload, `${workload.name}-scaler`),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: workload.name },
        ...(keda.pollingInterval !== undefined ? { pollingInterval: keda.pollingInterval } : {}),
        ...(keda.cooldownPeriod !== undefined ? { cooldownPeriod: keda.cooldownPeriod } : {}),
        minReplicaCount: keda.minReplicas,
        maxReplicaCount: keda.maxReplicas,
        triggers: keda.listNames.map((listName) => ({
          type: 'redis',
          metadata: metadata(listName),
          ...(keda.password ? { authenticationRef: { name: auth } } : {}),
        })),
      },
    },
    ...(keda.password
      ? [
          {
            apiVersion: KEDA_API_VERSION,
            kind: 'TriggerAuthentication',
            metadata: workloadMeta(model, workload, auth),
            spec: { secretTargetRef: [{ parameter: 'password', name: keda.password.secret, key: keda.password.key }] },
          },
        ]
      : []),
  ];
}

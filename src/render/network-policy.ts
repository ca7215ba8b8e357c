import type { Model, Workload } from '../config/model.js';
import { selector, workloadMeta, type KubeObject } from './meta.js';

/** One policy per workload: ingress only from the listed namespaces, on the container port; none listed means deny all ingress. */
export function renderNetworkPolicy(model: Model, workload: Workload): KubeObject {
  const from = workload.ingressFrom.map((namespace) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } }));
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: workloadMeta(model, workload, `${workload.name}-policy`),
    spec: {
      podSelector: { matchLabels: selector(workload) },
      policyTypes: ['Ingress'],
      ...(from.length ? { ingress: [{ from, ports: [{ protocol: 'TCP', port: workload.port }] }] } : {}),
    },
  };
}

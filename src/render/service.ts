import type { Model, Workload } from '../config/model.js';
import { selector, workloadMeta, type KubeObject } from './meta.js';

export function renderService(model: Model, workload: Workload): KubeObject[] {
  if (!workload.service) return [];
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: workloadMeta(model, workload, workload.service.name),
      spec: {
        type: 'ClusterIP',
        selector: selector(workload),
        ports: [{ name: 'http', port: workload.service.port, targetPort: 'http', protocol: 'TCP' }],
      },
    },
  ];
}

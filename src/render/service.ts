import { PORT_NAME, type Model, type Workload } from '../config/model.js';
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
        ports: [
          { name: PORT_NAME, port: workload.service.port, targetPort: PORT_NAME, protocol: 'TCP' },
          // A ServiceMonitor scrapes through the Service, so a separate metrics port is exposed there too.
          ...(workload.monitoring?.serviceMonitor && workload.metricsPort !== undefined
            ? [{ name: workload.monitoring.portName, port: workload.metricsPort, targetPort: workload.monitoring.portName, protocol: 'TCP' }]
            : []),
        ],
      },
    },
  ];
}

// Metrics scraping per workload: GKE Managed Prometheus PodMonitoring and prometheus-operator PodMonitor and
// ServiceMonitor, each selecting the workload's pods (or its Service) and scraping one named port.
import { GKE_MONITORING_API_VERSION, PROMETHEUS_OPERATOR_API_VERSION } from '../constants.js';
import type { Model, Workload } from '../config/model.js';
import { selector, workloadMeta, type KubeObject } from './meta.js';

export function renderMonitoring(model: Model, workload: Workload): KubeObject[] {
  const monitoring = workload.monitoring;
  if (!monitoring) return [];
  const endpoint = () => ({ port: monitoring.portName, path: monitoring.path, interval: monitoring.interval });
  const matchLabels = () => ({ matchLabels: selector(workload) });
  return [
    ...(monitoring.podMonitoring
      ? [
          {
            apiVersion: GKE_MONITORING_API_VERSION,
            kind: 'PodMonitoring',
            metadata: workloadMeta(model, workload, `${workload.name}-metrics`),
            spec: { selector: matchLabels(), endpoints: [endpoint()] },
          },
        ]
      : []),
    ...(monitoring.podMonitor
      ? [
          {
            apiVersion: PROMETHEUS_OPERATOR_API_VERSION,
            kind: 'PodMonitor',
            metadata: workloadMeta(model, workload, `${workload.name}-metrics`),
            spec: { selector: matchLabels(), podMetricsEndpoints: [endpoint()] },
          },
        ]
      : []),
    ...(monitoring.serviceMonitor && workload.service
      ? [
          {
            apiVersion: PROMETHEUS_OPERATOR_API_VERSION,
            kind: 'ServiceMonitor',
            metadata: workloadMeta(model, workload, `${workload.name}-metrics`),
            spec: { selector: matchLabels(), endpoints: [endpoint()] },
          },
        ]
      : []),
  ];
}

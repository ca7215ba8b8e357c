// Metrics scraping per workload: GKE Managed Prometheus PodMonitoring and prometheus-operator PodMonitor and
// ServiceMonitor, each selecting the workload's pods (or its Service) and scraping one named port.
import { GKE_MONITORING_API_VERSION, PROMETHEUS_OPERATOR_API_VERSION } from '../constants.js';
import type { Model, Workload } from '../config/model.js';
import { selector, workloadMeta, type KubeObject } from './meta.js';

export function renderMonitoring(model: Model, workload: Workload): KubeObject[] {
  const monitoring = workload.monitoring;
  if (!monitoring) return [];
  const endpoint = { port: monitoring.portName, path: monitoring.path, interval: monitoring.interval };
  /** One monitor of the workload; `endpointsKey` is where its kind lists what to scrape. */
  const monitor = (apiVersion: string, kind: string, endpointsKey: string): KubeObject => ({
    apiVersion,
    kind,
    metadata: workloadMeta(model, workload, `${workload.name}-metrics`),
    spec: { selector: { matchLabels: selector(workload) }, [endpointsKey]: [{ ...endpoint }] },
  });
  return [
    ...(monitoring.podMonitoring ? [monitor(GKE_MONITORING_API_VERSION, 'PodMonitoring', 'endpoints')] : []),
    ...(monitoring.podMonitor ? [monitor(PROMETHEUS_OPERATOR_API_VERSION, 'PodMonitor', 'podMetricsEndpoints')] : []),
    ...(monitoring.serviceMonitor && workload.service ? [monitor(PROMETHEUS_OPERATOR_API_VERSION, 'ServiceMonitor', 'endpoints')] : []),
  ];
}

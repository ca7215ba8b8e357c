import type { Model, Workload } from '../config/model.js';
import { workloadMeta, type KubeObject } from './meta.js';

export function renderHorizontalPodAutoscaler(model: Model, workload: Workload): KubeObject[] {
  const hpa = workload.autoscaling;
  if (!hpa) return [];
  const external = hpa.external.map((metric) => ({
    type: 'External',
    external: {
      metric: { name: metric.metric, ...(metric.matchLabels ? { selector: { matchLabels: { ...metric.matchLabels } } } : {}) },
      target:
        metric.averageValue !== undefined
          ? { type: 'AverageValue', averageValue: String(metric.averageValue) }
          : { type: 'Value', value: String(metric.value) },
    },
  }));
  return [
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: workloadMeta(model, workload, `${workload.name}-hpa`),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: workload.name },
        minReplicas: hpa.minReplicas,
        maxReplicas: hpa.maxReplicas,
        metrics: [resourceMetric('cpu', hpa.cpuUtilization), resourceMetric('memory', hpa.memoryUtilization), ...external],
        ...(hpa.scaleDownStabilizationWindowSeconds !== undefined
          ? { behavior: { scaleDown: { stabilizationWindowSeconds: hpa.scaleDownStabilizationWindowSeconds } } }
          : {}),
      },
    },
  ];
}

const resourceMetric = (name: string, averageUtilization: number) => ({
  type: 'Resource',
  resource: { name, target: { type: 'Utilization', averageUtilization } },
});

import type { Model, ResolvedAutoscaling, ScalingRules, Workload } from '../config/model.js';
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
        metrics: [
          ...(hpa.cpuUtilization !== undefined ? [resourceMetric('cpu', hpa.cpuUtilization)] : []),
          ...(hpa.memoryUtilization !== undefined ? [resourceMetric('memory', hpa.memoryUtilization)] : []),
          ...external,
        ],
        ...(hpa.behavior ? { behavior: renderBehavior(hpa.behavior) } : {}),
      },
    },
  ];
}

const resourceMetric = (name: string, averageUtilization: number) => ({
  type: 'Resource',
  resource: { name, target: { type: 'Utilization', averageUtilization } },
});

function renderBehavior(behavior: NonNullable<ResolvedAutoscaling['behavior']>): Record<string, unknown> {
  return {
    ...(behavior.scaleUp ? { scaleUp: scalingRules(behavior.scaleUp) } : {}),
    ...(behavior.scaleDown ? { scaleDown: scalingRules(behavior.scaleDown) } : {}),
  };
}

const scalingRules = (rules: ScalingRules): Record<string, unknown> => ({
  ...(rules.stabilizationWindowSeconds !== undefined ? { stabilizationWindowSeconds: rules.stabilizationWindowSeconds } : {}),
  ...(rules.selectPolicy ? { selectPolicy: rules.selectPolicy } : {}),
  ...(rules.policies ? { policies: rules.policies.map((p) => ({ type: p.type, value: p.value, periodSeconds: p.periodSeconds })) } : {}),
});

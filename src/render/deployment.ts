import type { Model, Workload } from '../config/model.js';
import { selector, workloadLabels, workloadMeta, type KubeObject } from './meta.js';
import { renderPodTemplate } from './pod-template.js';

export function renderDeployment(model: Model, workload: Workload): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: workloadMeta(model, workload, workload.name),
    spec: {
      ...(workload.replicas !== undefined ? { replicas: workload.replicas } : {}),
      selector: { matchLabels: selector(workload) },
      template: renderPodTemplate(workload, { labels: workloadLabels(model, workload) }),
    },
  };
}

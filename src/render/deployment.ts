import { ANNOTATION } from '../constants.js';
import type { Model, Workload } from '../config/model.js';
import { objectMeta, selector, workloadLabels, type KubeObject } from './meta.js';
import { renderPodTemplate } from './pod-template.js';

export function renderDeployment(model: Model, workload: Workload): KubeObject {
  const { rollout } = workload;
  const annotations = { ...workload.annotations, ...(workload.reloadOnChange ? { [ANNOTATION.reloaderAuto]: 'true' } : {}) };
  const rollingUpdate = rollout && {
    ...(rollout.maxSurge !== undefined ? { maxSurge: rollout.maxSurge } : {}),
    ...(rollout.maxUnavailable !== undefined ? { maxUnavailable: rollout.maxUnavailable } : {}),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(model, workload.name, { ...workloadLabels(model, workload), ...workload.labels }, sortedMap(annotations)),
    spec: {
      ...(workload.replicas !== undefined ? { replicas: workload.replicas } : {}),
      ...(rollout?.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: rollout.revisionHistoryLimit } : {}),
      ...(rollout?.minReadySeconds !== undefined ? { minReadySeconds: rollout.minReadySeconds } : {}),
      ...(rollout?.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: rollout.progressDeadlineSeconds } : {}),
      ...(rollingUpdate && Object.keys(rollingUpdate).length ? { strategy: { type: 'RollingUpdate', rollingUpdate } } : {}),
      selector: { matchLabels: selector(workload) },
      template: renderPodTemplate(workload, { labels: workloadLabels(model, workload) }),
    },
  };
}

const sortedMap = (map: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.keys(map)
      .sort()
      .map((key) => [key, map[key]!]),
  );

// renderAll(model) → every object, in a fixed order: kind by kind, workloads in model order. Renderers read the
// resolved model only: no raw config, no defaults of their own.
import type { Model } from '../config/model.js';
import { renderConfigMap, type ConfigMapOptions } from './config-map.js';
import { renderDeployment } from './deployment.js';
import { renderExternalSecrets } from './external-secret.js';
import { renderHorizontalPodAutoscaler } from './hpa.js';
import { renderIngress } from './ingress.js';
import { renderCronJob, renderMigrationJob } from './job.js';
import type { KubeObject } from './meta.js';
import { renderNetworkPolicy } from './network-policy.js';
import { renderMonitoring } from './monitoring.js';
import { renderPodDisruptionBudget } from './pdb.js';
import { renderScaledObject } from './scaled-object.js';
import { renderService } from './service.js';
import { renderServiceAccounts } from './service-account.js';

export type RenderOptions = ConfigMapOptions;

export function renderAll(model: Model, options: RenderOptions): KubeObject[] {
  const { workloads } = model;
  return [
    ...renderConfigMap(model, options),
    ...renderExternalSecrets(model),
    ...renderServiceAccounts(model),
    ...renderMigrationJob(model),
    ...workloads.map((w) => renderDeployment(model, w)),
    ...model.cronJobs.map((job) => renderCronJob(model, job)),
    ...workloads.flatMap((w) => renderService(model, w)),
    ...renderIngress(model),
    ...workloads.map((w) => renderNetworkPolicy(model, w)),
    ...workloads.flatMap((w) => renderHorizontalPodAutoscaler(model, w)),
    ...workloads.flatMap((w) => renderScaledObject(model, w)),
    ...workloads.flatMap((w) => renderPodDisruptionBudget(model, w)),
    ...workloads.flatMap((w) => renderMonitoring(model, w)),
  ];
}

export type { KubeObject } from './meta.js';

// renderAll(app) → every object, in a fixed order: kind by kind, workloads in model order.
import { resolveModel, type Model } from '../config/model.js';
import type { TomodaApp } from '../config/schema.js';
import { renderConfigMap, type ConfigMapOptions } from './config-map.js';
import { renderDeployment } from './deployment.js';
import { renderExternalSecrets } from './external-secret.js';
import { renderHorizontalPodAutoscaler } from './hpa.js';
import { renderIngress } from './ingress.js';
import type { KubeObject } from './meta.js';
import { renderNetworkPolicy } from './network-policy.js';
import { renderPodDisruptionBudget } from './pdb.js';
import { renderService } from './service.js';

export type RenderOptions = ConfigMapOptions;

export function renderAll(app: TomodaApp, options: RenderOptions, model: Model = resolveModel(app)): KubeObject[] {
  const { workloads } = model;
  return [
    ...renderConfigMap(app, model, options),
    ...renderExternalSecrets(app, model),
    ...workloads.map((w) => renderDeployment(model, w)),
    ...workloads.flatMap((w) => renderService(model, w)),
    ...renderIngress(app, model),
    ...workloads.map((w) => renderNetworkPolicy(model, w)),
    ...workloads.flatMap((w) => renderHorizontalPodAutoscaler(model, w)),
    ...workloads.flatMap((w) => renderPodDisruptionBudget(model, w)),
  ];
}

export type { KubeObject } from './meta.js';

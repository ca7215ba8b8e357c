import { ANNOTATION } from '../constants.js';
import type { Model } from '../config/model.js';
import { appLabels, objectMeta, syncWave, type KubeObject } from './meta.js';

export interface ConfigMapOptions {
  /** Ask kustomize for a content-hash name suffix, so a config change rolls the pods that read it. */
  hashSuffix: boolean;
}

export function renderConfigMap(model: Model, options: ConfigMapOptions): KubeObject[] {
  const { configMap } = model;
  if (!configMap) return [];
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: objectMeta(model, configMap.name, appLabels(model), { ...syncWave(model), ...(options.hashSuffix ? { [ANNOTATION.needsHash]: 'true' } : {}) }),
      data: { ...configMap.data },
    },
  ];
}

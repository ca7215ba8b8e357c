import { ANNOTATION } from '../constants.js';
import { configMapName, sortedEntries, type Model } from '../config/model.js';
import type { TomodaApp } from '../config/schema.js';
import { appLabels, objectMeta, type KubeObject } from './meta.js';

export interface ConfigMapOptions {
  /** Ask kustomize for a content-hash name suffix, so a config change rolls the pods that read it. */
  hashSuffix: boolean;
}

export function renderConfigMap(app: TomodaApp, model: Model, options: ConfigMapOptions): KubeObject[] {
  const config = app.spec.config;
  if (!config) return [];
  const data: Record<string, string> = {
    ENV: config.env ?? app.spec.environment,
    ...(config.database
      ? {
          DB_HOST: config.database.host,
          DB_PORT: String(config.database.port),
          DB_USER: config.database.user,
          DB_NAME: config.database.name,
          DB_SSLMODE: config.database.sslMode,
        }
      : {}),
    ...(config.redis ? { REDIS_HOST: config.redis.host, REDIS_PORT: String(config.redis.port) } : {}),
    ...(config.webauthnRpId ? { WEBAUTHN_RP_ID: config.webauthnRpId } : {}),
    ...(config.frontendUrl ? { FRONTEND_URL: config.frontendUrl } : {}),
    ...config.extra,
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: objectMeta(model, configMapName(app), appLabels(model), options.hashSuffix ? { [ANNOTATION.needsHash]: 'true' } : undefined),
      data: Object.fromEntries(sortedEntries(data)),
    },
  ];
}

// Small valid TomodaApps for unit tests; each test changes what it is about.
import { loadConfig } from '../../src/config/load.js';
import type { Model } from '../../src/config/model.js';
import type { TomodaApp } from '../../src/config/schema.js';

export function minimalConfig(): Record<string, any> {
  return {
    apiVersion: 'tomoda.life/v1alpha1',
    kind: 'TomodaApp',
    metadata: { name: 'demo' },
    spec: {
      backend: {
        image: { registry: 'registry.example.com/team', name: 'backend', tag: '1.0.0' },
        pools: { api: { mode: 'multi-hub', service: {} } },
      },
    },
  };
}

export function fullConfig(): Record<string, any> {
  const config = minimalConfig();
  config.spec = {
    environment: 'prod',
    backend: {
      image: { registry: 'registry.example.com/team', name: 'backend', tag: '1.0.0' },
      env: { GIN_MODE: 'release' },
      envFrom: ['secrets.backend', 'secrets.s3', 'config'],
      pools: {
        api: {
          mode: 'multi-hub',
          service: { name: 'backend-service' },
          autoscaling: { minReplicas: 2, maxReplicas: 6, scaleDownStabilizationWindowSeconds: 300 },
          disruptionBudget: { minAvailable: '50%' },
        },
        worker: { mode: 'async', replicas: 2 },
      },
    },
    frontend: { image: { name: 'frontend', tag: '1.0.0' }, service: {}, env: { EXPO_PUBLIC_API_URL: 'https://api.example.com' } },
    ingress: {
      clusterIssuer: 'letsencrypt-prod',
      routes: { api: { host: 'api.example.com', to: 'api' }, app: { host: 'app.example.com', to: 'frontend' } },
    },
    secrets: {
      backend: { store: { name: 'gsm' }, gcp: { keys: { JWT_SECRET: 'jwt', DB_PASSWORD: 'db-password' } } },
      s3: { name: 's3-uploader-secret', store: { name: 'aws-sm' }, refreshInterval: '30m', aws: { key: 's3-prod', properties: { S3_BUCKET: 'bucket' } } },
    },
    config: {
      database: { host: 'db.data.svc.cluster.local', user: 'app', name: 'app' },
      redis: { host: 'redis.data.svc.cluster.local' },
      frontendUrl: 'https://app.example.com',
      extra: { FEATURE_X: 'on' },
    },
  };
  return config;
}

/** The resolved model of a valid config: what the renderers and the checks' context read. */
export function loadModel(config: unknown): Model {
  const { model, results } = loadConfig(config);
  if (!model) throw new Error(`expected a valid config, got: ${results.map((r) => r.message).join('; ')}`);
  return model;
}

/** fullConfig plus the migration, a CronJob, egress, monitoring and KEDA: every kind the function emits. */
export function everyKindConfig(): Record<string, any> {
  const config = fullConfig();
  const { backend } = config.spec;
  backend.migration = { command: ['/app', 'migrate'] };
  backend.cronJobs = { purge: { schedule: '0 3 * * *' } };
  backend.pools.worker = {
    mode: 'async',
    keda: { maxReplicas: 8, passwordFrom: { secret: 'secrets.backend', key: 'DB_PASSWORD' } },
    egress: { to: { api: { workload: 'api' } } },
    monitoring: { port: 9090, podMonitoring: true, podMonitor: true },
  };
  backend.pools.api.monitoring = { serviceMonitor: true };
  return config;
}

export function load(config: unknown): TomodaApp {
  const { app, results } = loadConfig(config);
  if (!app) throw new Error(`expected a valid config, got: ${results.map((r) => r.message).join('; ')}`);
  return app;
}

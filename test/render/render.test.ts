// One block per renderer: what each emitted kind must say for a given config.
import { describe, expect, it } from 'vitest';
import { renderConfigMap } from '../../src/render/config-map.js';
import { renderDeployment } from '../../src/render/deployment.js';
import { renderExternalSecrets } from '../../src/render/external-secret.js';
import { renderHorizontalPodAutoscaler } from '../../src/render/hpa.js';
import { renderAll } from '../../src/render/index.js';
import { renderIngress } from '../../src/render/ingress.js';
import { renderNetworkPolicy } from '../../src/render/network-policy.js';
import { renderPodDisruptionBudget } from '../../src/render/pdb.js';
import { renderService } from '../../src/render/service.js';
import { fullConfig, loadModel, minimalConfig } from '../support/apps.js';

const setup = (config = fullConfig()) => {
  const model = loadModel(config);
  const workload = (name: string) => model.workloads.find((w) => w.name === name)!;
  return { model, workload };
};
const dig = (value: unknown, ...path: Array<string | number>): any => path.reduce((v: any, k) => v?.[k], value);

describe('renderAll', () => {
  it('emits kinds in a fixed order', () => {
    const kinds = renderAll(loadModel(fullConfig()), { hashSuffix: false }).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toEqual([
      'ConfigMap/backend-config-prod',
      'ExternalSecret/backend',
      'ExternalSecret/s3-uploader-secret',
      'Deployment/api',
      'Deployment/worker',
      'Deployment/frontend',
      'Service/backend-service',
      'Service/frontend-service',
      'Ingress/demo-ingress',
      'NetworkPolicy/api-policy',
      'NetworkPolicy/worker-policy',
      'NetworkPolicy/frontend-policy',
      'HorizontalPodAutoscaler/api-hpa',
      'PodDisruptionBudget/api-pdb',
    ]);
  });

  it('is deterministic and shares no object between outputs', () => {
    const model = loadModel(fullConfig());
    const a = renderAll(model, { hashSuffix: true });
    const b = renderAll(model, { hashSuffix: true });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const seen = new Set<object>();
    const walk = (v: unknown): void => {
      if (typeof v !== 'object' || v === null) return;
      expect(seen.has(v)).toBe(false);
      seen.add(v);
      Object.values(v).forEach(walk);
    };
    a.forEach(walk);
  });

  it('does not mutate the model', () => {
    const model = loadModel(fullConfig());
    const before = JSON.stringify(model);
    renderAll(model, { hashSuffix: true });
    expect(JSON.stringify(model)).toBe(before);
  });

  it('sets the namespace only when the config names one', () => {
    const config = minimalConfig();
    expect(renderAll(loadModel(config), { hashSuffix: false }).every((o) => o.metadata.namespace === undefined)).toBe(true);
    config.spec.namespace = 'prod';
    expect(renderAll(loadModel(config), { hashSuffix: false }).every((o) => o.metadata.namespace === 'prod')).toBe(true);
  });
});

describe('renderDeployment', () => {
  it('runs the pool mode with envFrom in declared order and leaves replicas to the HPA', () => {
    const { model, workload } = setup();
    const deployment = renderDeployment(model, workload('api'));
    const container = dig(deployment, 'spec', 'template', 'spec', 'containers', 0);
    expect(dig(deployment, 'spec', 'replicas')).toBeUndefined();
    expect(container.env).toEqual([
      { name: 'SERVER_MODE', value: 'multi-hub' },
      { name: 'GIN_MODE', value: 'release' },
    ]);
    expect(container.envFrom).toEqual([
      { secretRef: { name: 'backend' } },
      { secretRef: { name: 's3-uploader-secret' } },
      { configMapRef: { name: 'backend-config-prod' } },
    ]);
    expect(container.image).toBe('registry.example.com/team/backend:1.0.0');
    expect(container.imagePullPolicy).toBe('IfNotPresent');
    expect(dig(deployment, 'spec', 'selector', 'matchLabels')).toEqual({ app: 'api' });
  });

  it('keeps replicas without an HPA', () => {
    const { model, workload } = setup();
    expect(dig(renderDeployment(model, workload('worker')), 'spec', 'replicas')).toBe(2);
  });

  it('is Pod Security restricted by default, with a writable /tmp and a memory limit', () => {
    const { model, workload } = setup();
    const pod = dig(renderDeployment(model, workload('worker')), 'spec', 'template', 'spec');
    const container = pod.containers[0];
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(container.resources.limits.memory).toBe('256Mi');
  });

  it('applies explicit per-pool waivers', () => {
    const config = fullConfig();
    config.spec.backend.pools.worker.security = { readOnlyRootFilesystem: false, automountServiceAccountToken: true, runAsUser: 10001 };
    config.spec.backend.pools.worker.resources = { limits: { memory: 'none' } };
    const { model, workload } = setup(config);
    const pod = dig(renderDeployment(model, workload('worker')), 'spec', 'template', 'spec');
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.securityContext.runAsUser).toBe(10001);
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(pod.containers[0].volumeMounts).toBeUndefined();
    expect(pod.containers[0].resources.limits).toBeUndefined();
  });

  it('merges probes field by field: pool over backend over defaults', () => {
    const config = fullConfig();
    config.spec.backend.probes = { liveness: { periodSeconds: 20 } };
    config.spec.backend.pools.worker.probes = { path: '/healthz', liveness: { timeoutSeconds: 3 }, startup: { failureThreshold: 30 } };
    const { model, workload } = setup(config);
    const container = dig(renderDeployment(model, workload('worker')), 'spec', 'template', 'spec', 'containers', 0);
    expect(container.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 15, periodSeconds: 20, timeoutSeconds: 3 });
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 10, periodSeconds: 10 });
    expect(container.startupProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, failureThreshold: 30 });
  });

  it('gives the frontend its own port, probe path and env, and no envFrom', () => {
    const { model, workload } = setup();
    const container = dig(renderDeployment(model, workload('frontend')), 'spec', 'template', 'spec', 'containers', 0);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8081, protocol: 'TCP' }]);
    expect(container.livenessProbe.httpGet.path).toBe('/');
    expect(container.env).toEqual([{ name: 'EXPO_PUBLIC_API_URL', value: 'https://api.example.com' }]);
    expect(container.envFrom).toBeUndefined();
    expect(container.imagePullPolicy).toBe('IfNotPresent');
  });

  it('pulls :latest always unless told otherwise', () => {
    const config = minimalConfig();
    config.spec.backend.image.tag = 'latest';
    const { model, workload } = setup(config);
    expect(dig(renderDeployment(model, workload('api')), 'spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy')).toBe('Always');
  });
});

describe('renderService', () => {
  it('selects only its pool and targets the named port', () => {
    const { model, workload } = setup();
    const [service] = renderService(model, workload('api'));
    expect(dig(service, 'spec')).toEqual({
      type: 'ClusterIP',
      selector: { app: 'api' },
      ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(renderService(model, workload('worker'))).toEqual([]);
  });
});

describe('renderNetworkPolicy', () => {
  it('lets the ingress controller reach routed workloads on their port and denies the rest', () => {
    const { model, workload } = setup();
    expect(dig(renderNetworkPolicy(model, workload('api')), 'spec')).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik-system' } } }], ports: [{ protocol: 'TCP', port: 8080 }] },
      ],
    });
    expect(dig(renderNetworkPolicy(model, workload('worker')), 'spec')).toEqual({ podSelector: { matchLabels: { app: 'worker' } }, policyTypes: ['Ingress'] });
  });

  it('takes an explicit namespace list', () => {
    const config = fullConfig();
    config.spec.backend.pools.worker.ingressFrom = ['monitoring'];
    const { model, workload } = setup(config);
    expect(dig(renderNetworkPolicy(model, workload('worker')), 'spec', 'ingress', 0, 'from', 0, 'namespaceSelector', 'matchLabels')).toEqual({
      'kubernetes.io/metadata.name': 'monitoring',
    });
  });
});

describe('renderIngress', () => {
  it('groups routes by host, with cert-manager TLS over every host', () => {
    const config = fullConfig();
    config.spec.ingress.routes.ws = { host: 'api.example.com', path: '/ws', to: 'frontend' };
    const { model } = setup(config);
    const [ingress] = renderIngress(model);
    expect(ingress?.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(dig(ingress, 'spec', 'tls')).toEqual([{ hosts: ['api.example.com', 'app.example.com'], secretName: 'demo-ingress-tls' }]);
    expect(dig(ingress, 'spec', 'ingressClassName')).toBe('traefik');
    expect(dig(ingress, 'spec', 'rules', 0, 'http', 'paths')).toEqual([
      { path: '/', pathType: 'Prefix', backend: { service: { name: 'backend-service', port: { number: 8080 } } } },
      { path: '/ws', pathType: 'Prefix', backend: { service: { name: 'frontend-service', port: { number: 8081 } } } },
    ]);
  });
});

describe('renderExternalSecrets', () => {
  it('maps GCP keys one to one and splits an AWS JSON secret into properties', () => {
    const { model } = setup();
    const [gcp, aws] = renderExternalSecrets(model);
    expect(gcp?.apiVersion).toBe('external-secrets.io/v1');
    expect(dig(gcp, 'spec')).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'gsm' },
      target: { name: 'backend', creationPolicy: 'Owner' },
      data: [
        { secretKey: 'DB_PASSWORD', remoteRef: { key: 'db-password' } },
        { secretKey: 'JWT_SECRET', remoteRef: { key: 'jwt' } },
      ],
    });
    expect(dig(aws, 'spec', 'refreshInterval')).toBe('30m');
    expect(dig(aws, 'spec', 'data')).toEqual([{ secretKey: 'S3_BUCKET', remoteRef: { key: 's3-prod', property: 'bucket' } }]);
  });
});

describe('renderConfigMap', () => {
  it('writes the typed runtime config as sorted string data, with the hash annotation only when asked', () => {
    const { model } = setup();
    const [plain] = renderConfigMap(model, { hashSuffix: false });
    const [hashed] = renderConfigMap(model, { hashSuffix: true });
    expect(plain?.data).toEqual({
      DB_HOST: 'db.data.svc.cluster.local',
      DB_NAME: 'app',
      DB_PORT: '5432',
      DB_SSLMODE: 'require',
      DB_USER: 'app',
      ENV: 'prod',
      FEATURE_X: 'on',
      FRONTEND_URL: 'https://app.example.com',
      REDIS_HOST: 'redis.data.svc.cluster.local',
      REDIS_PORT: '6379',
    });
    expect(Object.keys(plain!.data as object)).toEqual(Object.keys(plain!.data as object).sort());
    expect(plain?.metadata.annotations).toBeUndefined();
    expect(hashed?.metadata.annotations).toEqual({ 'kustomize.config.k8s.io/needs-hash': 'true' });
  });
});

describe('renderHorizontalPodAutoscaler', () => {
  it('targets CPU 70 % and memory 80 % by default, with the scale-down window and external metrics', () => {
    const config = fullConfig();
    config.spec.backend.pools.api.autoscaling.external = {
      'queue-depth': { metric: 'asynq_queue_depth', matchLabels: { queue: 'default' }, averageValue: 100 },
    };
    const { model, workload } = setup(config);
    const [hpa] = renderHorizontalPodAutoscaler(model, workload('api'));
    expect(dig(hpa, 'spec')).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
        {
          type: 'External',
          external: {
            metric: { name: 'asynq_queue_depth', selector: { matchLabels: { queue: 'default' } } },
            target: { type: 'AverageValue', averageValue: '100' },
          },
        },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    });
    expect(renderHorizontalPodAutoscaler(model, workload('worker'))).toEqual([]);
  });
});

describe('renderPodDisruptionBudget', () => {
  it('selects the pool and lets unhealthy pods go', () => {
    const { model, workload } = setup();
    const [pdb] = renderPodDisruptionBudget(model, workload('api'));
    expect(dig(pdb, 'spec')).toEqual({ minAvailable: '50%', selector: { matchLabels: { app: 'api' } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(renderPodDisruptionBudget(model, workload('worker'))).toEqual([]);
  });
});

describe('container names', () => {
  it('name the container after its workload, as the hand-written manifests did', () => {
    const { model, workload } = setup();
    for (const name of ['api', 'worker', 'frontend']) {
      expect(dig(renderDeployment(model, workload(name)), 'spec', 'template', 'spec', 'containers', 0, 'name')).toBe(name);
    }
  });
});

describe('memory limit default', () => {
  it('is 256Mi, or the memory request where that is larger', () => {
    const config = fullConfig();
    config.spec.backend.pools.worker.resources = { requests: { memory: '1Gi' } };
    const { model, workload } = setup(config);
    expect(dig(renderDeployment(model, workload('worker')), 'spec', 'template', 'spec', 'containers', 0, 'resources', 'limits')).toEqual({ memory: '1Gi' });
    expect(dig(renderDeployment(model, workload('api')), 'spec', 'template', 'spec', 'containers', 0, 'resources', 'limits')).toEqual({ memory: '256Mi' });
  });
});

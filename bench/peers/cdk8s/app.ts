// The TypeScript peer for the bench: the prod topology of testdata/prod (the same 16 objects the function
// writes for testdata/prod/input.yaml) as a cdk8s app, written the way a cdk8s-plus user would write it:
// the settings as typed code, cdk8s-plus constructs where they exist (Deployment, Service, Ingress,
// NetworkPolicy, HorizontalPodAutoscaler, ConfigMap), the generated Kubernetes imports for the PDB (no
// cdk8s-plus construct) and ApiObject for the ExternalSecrets. It prints the YAML on stdout
// (app.synthYaml(); no files), as the function does. bench/lib/cdk8s-peer.mjs bundles it into one
// CommonJS file with esbuild and checks that it makes the same kinds and names as the function before timing.
import { ApiObject, App, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import type { Construct } from 'constructs';

// ---- the settings (testdata/prod's TomodaApp, as a cdk8s user keeps them: in code) ------------------------
const REGISTRY = 'asia-east1-docker.pkg.dev/tomoda/tomoda-prod-repo';
const ENVIRONMENT = 'prod';
const TRAEFIK_NAMESPACE = 'traefik-system';

interface Autoscaling {
  minReplicas: number;
  maxReplicas: number;
  scaleDownSeconds: number;
}

interface Workload {
  name: string;
  component: 'backend' | 'frontend';
  image: string;
  port: number;
  probePath: string;
  env: Record<string, string>;
  envFrom: { secrets: string[]; configMap?: string };
  cpu: { request: number; limit?: number };
  memoryMiB: { request: number; limit: number };
  replicas?: number;
  service?: string;
  autoscaling?: Autoscaling;
  minAvailable?: string;
  spread: boolean;
}

const CONFIG_NAME = 'backend-config-prod';
const CONFIG_DATA = {
  DB_HOST: 'prod-postgres-postgresql.data.svc.cluster.local',
  DB_NAME: 'tomoda_prod',
  DB_PORT: '5432',
  DB_SSLMODE: 'require',
  DB_USER: 'tomoda_prod_user',
  ENV: ENVIRONMENT,
  FRONTEND_URL: 'https://app.tomoda.life',
  REDIS_HOST: 'prod-redis-master.data.svc.cluster.local',
  REDIS_PORT: '6379',
  WEBAUTHN_RP_ID: 'api.tomoda.life',
};

const GCP_SECRET = {
  name: 'backend-secrets-prod',
  store: 'gsm-tomoda',
  keys: {
    APPLE_PRIVATE_KEY: 'tomoda-apple-private-key',
    DB_PASSWORD: 'tomoda-db-password',
    EMAIL_API_KEY: 'tomoda-email-api-key',
    ENCRYPTION_KEY: 'tomoda-encryption-key',
    GOOGLE_CLIENT_SECRET: 'tomoda-google-client-secret',
    JWT_SECRET: 'tomoda-jwt-secret',
    KLIPY_API_KEY: 'tomoda-klipy-api-key',
    LINE_CHANNEL_SECRET: 'tomoda-line-channel-secret',
    REDIS_PASSWORD: 'tomoda-redis-password',
    STRIPE_SECRET_KEY: 'tomoda-stripe-secret-key',
    STRIPE_WEBHOOK_SECRET: 'tomoda-stripe-webhook-secret',
  },
};

const AWS_SECRET = {
  name: 's3-uploader-secret',
  store: 'aws-sm-tomoda',
  key: 'tomoda-s3-uploader-prod',
  properties: {
    AWS_ACCESS_KEY_ID: 'access_key_id',
    AWS_REGION: 'region',
    AWS_SECRET_ACCESS_KEY: 'secret_access_key',
    S3_BASE_URL: 'base_url',
    S3_BUCKET: 'bucket',
  },
};

const backendPool = (name: string, mode: string, memoryMiB: Workload['memoryMiB'], autoscaling: Autoscaling, service?: string): Workload => ({
  name,
  component: 'backend',
  image: `${REGISTRY}/tomoda-backend:1.0.0`,
  port: 8080,
  probePath: '/health',
  env: { SERVER_MODE: mode, GIN_MODE: 'release', PHOTON_URL: 'http://photon.data.svc.cluster.local:2322' },
  envFrom: { secrets: [GCP_SECRET.name, AWS_SECRET.name], configMap: CONFIG_NAME },
  cpu: { request: 10, limit: 500 },
  memoryMiB,
  ...(service ? { service } : {}),
  autoscaling,
  minAvailable: '50%',
  spread: true,
});

const WORKLOADS: Workload[] = [
  backendPool('tomoda-api', 'multi-hub', { request: 64, limit: 512 }, { minReplicas: 2, maxReplicas: 6, scaleDownSeconds: 300 }, 'backend-service'),
  backendPool('tomoda-async', 'async', { request: 128, limit: 768 }, { minReplicas: 2, maxReplicas: 6, scaleDownSeconds: 600 }),
  {
    name: 'frontend',
    component: 'frontend',
    image: `${REGISTRY}/tomoda-frontend:1.0.0`,
    port: 8081,
    probePath: '/',
    env: { EXPO_PUBLIC_API_URL: 'https://api.tomoda.life' },
    envFrom: { secrets: [] },
    cpu: { request: 10 },
    memoryMiB: { request: 64, limit: 256 },
    replicas: 1,
    service: 'frontend-service',
    spread: false,
  },
];

const INGRESS = {
  name: 'tomoda-ingress',
  className: 'traefik',
  clusterIssuer: 'letsencrypt-prod',
  tlsSecretName: 'tomoda-app-tls',
  routes: [
    { host: 'api.tomoda.life', to: 'tomoda-api' },
    { host: 'app.tomoda.life', to: 'frontend' },
    { host: 'www.tomoda.life', to: 'frontend' },
  ],
};

// ---- the constructs ---------------------------------------------------------------------------------------
const workloadLabels = (w: Workload) => ({ app: w.name, 'app.kubernetes.io/name': w.name, 'app.kubernetes.io/component': w.component });

function externalSecret(scope: Construct, name: string, store: string, data: { secretKey: string; remoteRef: { key: string; property?: string } }[]) {
  return new ApiObject(scope, name, {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name },
    spec: { refreshInterval: '1h', secretStoreRef: { kind: 'ClusterSecretStore', name: store }, target: { name, creationPolicy: 'Owner' }, data },
  });
}

function deployment(scope: Construct, w: Workload, configMap: kplus.IConfigMap) {
  const labels = workloadLabels(w);
  const tmp = kplus.Volume.fromEmptyDir(scope, `${w.name}-tmp`, 'tmp');
  const deploy = new kplus.Deployment(scope, w.name, {
    metadata: { name: w.name, labels },
    podMetadata: { labels },
    select: false,
    ...(w.replicas === undefined ? {} : { replicas: w.replicas }),
    automountServiceAccountToken: false,
    securityContext: { ensureNonRoot: true },
    volumes: [tmp],
  });
  deploy.select(kplus.LabelSelector.of({ labels: { app: w.name } }));
  const probe = (initialDelay: number, period: number) =>
    kplus.Probe.fromHttpGet(w.probePath, { port: w.port, initialDelaySeconds: Duration.seconds(initialDelay), periodSeconds: Duration.seconds(period) });
  deploy.addContainer({
    name: w.name,
    image: w.image,
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    ports: [{ name: 'http', number: w.port, protocol: kplus.Protocol.TCP }],
    envVariables: Object.fromEntries(Object.entries(w.env).map(([key, value]) => [key, kplus.EnvValue.fromValue(value)])),
    envFrom: [
      ...w.envFrom.secrets.map((name) => kplus.Env.fromSecret(kplus.Secret.fromSecretName(scope, `${w.name}-${name}`, name))),
      ...(w.envFrom.configMap ? [kplus.Env.fromConfigMap(configMap)] : []),
    ],
    resources: {
      cpu: { request: kplus.Cpu.millis(w.cpu.request), ...(w.cpu.limit ? { limit: kplus.Cpu.millis(w.cpu.limit) } : {}) },
      memory: { request: Size.mebibytes(w.memoryMiB.request), limit: Size.mebibytes(w.memoryMiB.limit) },
    },
    liveness: probe(15, 30),
    readiness: probe(10, 10),
    securityContext: {
      ensureNonRoot: true,
      privileged: false,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: [kplus.Capability.ALL] },
      seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    },
    volumeMounts: [{ path: '/tmp', volume: tmp }],
  });
  if (w.spread) {
    // cdk8s-plus spreads by pod anti-affinity; topology spread constraints go through the escape hatch.
    const spread = (topologyKey: string) => ({
      maxSkew: 1,
      topologyKey,
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { app: w.name } },
      matchLabelKeys: ['pod-template-hash'],
    });
    ApiObject.of(deploy).addJsonPatch(
      JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [spread('topology.kubernetes.io/zone'), spread('kubernetes.io/hostname')]),
    );
  }
  return deploy;
}

class TomodaChart extends Chart {
  constructor(scope: Construct) {
    super(scope, 'tomoda', { labels: { 'app.kubernetes.io/part-of': 'tomoda', 'app.kubernetes.io/managed-by': 'cdk8s' }, disableResourceNameHashes: true });

    const configMap = new kplus.ConfigMap(this, CONFIG_NAME, {
      metadata: { name: CONFIG_NAME, annotations: { 'kustomize.config.k8s.io/needs-hash': 'true' } },
      data: CONFIG_DATA,
    });
    externalSecret(
      this,
      GCP_SECRET.name,
      GCP_SECRET.store,
      Object.entries(GCP_SECRET.keys).map(([secretKey, key]) => ({ secretKey, remoteRef: { key } })),
    );
    externalSecret(
      this,
      AWS_SECRET.name,
      AWS_SECRET.store,
      Object.entries(AWS_SECRET.properties).map(([secretKey, property]) => ({ secretKey, remoteRef: { key: AWS_SECRET.key, property } })),
    );

    const traefik = kplus.Namespaces.select(this, 'traefik', { names: [TRAEFIK_NAMESPACE] });
    const routed = new Set(INGRESS.routes.map((route) => route.to));
    const services = new Map<string, kplus.Service>();
    for (const w of WORKLOADS) {
      const labels = workloadLabels(w);
      const deploy = deployment(this, w, configMap);
      if (w.service) {
        services.set(
          w.name,
          new kplus.Service(this, w.service, {
            metadata: { name: w.service, labels },
            type: kplus.ServiceType.CLUSTER_IP,
            selector: deploy,
            ports: [{ name: 'http', port: w.port, targetPort: w.port, protocol: kplus.Protocol.TCP }],
          }),
        );
      }
      new kplus.NetworkPolicy(this, `${w.name}-policy`, {
        metadata: { name: `${w.name}-policy`, labels },
        selector: deploy,
        ingress: {
          default: kplus.NetworkPolicyTrafficDefault.DENY,
          rules: routed.has(w.name) ? [{ peer: traefik, ports: [kplus.NetworkPolicyPort.tcp(w.port)] }] : [],
        },
      });
      if (w.autoscaling) {
        new kplus.HorizontalPodAutoscaler(this, `${w.name}-hpa`, {
          metadata: { name: `${w.name}-hpa`, labels },
          target: deploy,
          minReplicas: w.autoscaling.minReplicas,
          maxReplicas: w.autoscaling.maxReplicas,
          metrics: [
            kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70)),
            kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(80)),
          ],
          scaleDown: { stabilizationWindow: Duration.seconds(w.autoscaling.scaleDownSeconds) },
        });
      }
      if (w.minAvailable) {
        new kplus.k8s.KubePodDisruptionBudget(this, `${w.name}-pdb`, {
          metadata: { name: `${w.name}-pdb`, labels },
          spec: {
            minAvailable: kplus.k8s.IntOrString.fromString(w.minAvailable),
            selector: { matchLabels: { app: w.name } },
            unhealthyPodEvictionPolicy: 'AlwaysAllow',
          },
        });
      }
    }

    const ingress = new kplus.Ingress(this, INGRESS.name, {
      metadata: { name: INGRESS.name, annotations: { 'cert-manager.io/cluster-issuer': INGRESS.clusterIssuer } },
      className: INGRESS.className,
    });
    for (const route of INGRESS.routes) {
      const service = services.get(route.to);
      if (!service) throw new Error(`route ${route.host} goes to ${route.to}, which has no Service`);
      ingress.addHostRule(route.host, '/', kplus.IngressBackend.fromService(service), kplus.HttpIngressPathType.PREFIX);
    }
    ingress.addTls([{ hosts: INGRESS.routes.map((route) => route.host), secret: kplus.Secret.fromSecretName(this, 'tls', INGRESS.tlsSecretName) }]);
  }
}

const app = new App();
new TomodaChart(app);
process.stdout.write(app.synthYaml());

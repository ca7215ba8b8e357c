// The validated config with every default applied, in one place: what the cross-field rules, the renderers and
// the post-render checks' waivers read. Renderers read nothing else. Backend pools and the frontend become one
// Workload shape, so each renderer handles both. The model is built before the rules run, so it must stand
// configs the rules then refuse (an unknown envFrom entry is kept as such, a secret with two providers reads one).
import { ANNOTATION } from '../constants.js';
import { imageReference } from '../k8s/image.js';
import { evictionsAllowed, type IntOrPercent } from '../k8s/int-or-percent.js';
import { compareQuantities, type Quantity } from '../k8s/quantity.js';
import type { Path } from '../results.js';
import { DEFAULT_NAME, DEFAULTS } from './defaults.js';
import type { Autoscaling, Frontend, Image, Pool, Probes, RuntimeConfig, Secret, Security, TomodaApp } from './schema.js';

export type Role = 'backend' | 'frontend';

export interface ProbeTiming {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface ResolvedProbes {
  path: string;
  liveness: ProbeTiming;
  readiness: ProbeTiming;
  startup?: ProbeTiming;
}

export interface ResolvedSecurity {
  runAsNonRoot: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  readOnlyRootFilesystem: boolean;
  writableTmp: boolean;
  automountServiceAccountToken: boolean;
}

export interface EnvSource {
  kind: 'secret' | 'configMap';
  name: string;
  /** Where the source was declared (envFrom entry), for results. */
  path: Path;
  /** True when the Secret or ConfigMap is rendered by this function. */
  rendered: boolean;
}

/** One entry of the backend's envFrom as written (or as defaulted), and what it names; no source when it names nothing. */
export interface EnvFromEntry {
  entry: string;
  path: Path;
  source?: EnvSource;
}

export interface ExternalMetric {
  id: string;
  metric: string;
  matchLabels?: Record<string, string>;
  averageValue?: Quantity;
  value?: Quantity;
}

export interface ResolvedAutoscaling {
  minReplicas: number;
  maxReplicas: number;
  cpuUtilization: number;
  memoryUtilization: number;
  scaleDownStabilizationWindowSeconds?: number;
  external: ExternalMetric[];
}

export interface ResolvedDisruptionBudget {
  minAvailable?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
  /** True when the budget allows no voluntary eviction at the lowest replica count: warned about, then kept on purpose. */
  blocksDrain: boolean;
}

export interface Workload {
  name: string;
  role: Role;
  path: Path;
  mode?: string;
  image: string;
  imagePullPolicy: string;
  port: number;
  /** Undefined when an HPA owns the replica count. */
  replicas?: number;
  /** The lowest replica count the workload runs at (HPA minimum or replicas). */
  minReplicas: number;
  env: Array<{ name: string; value: string }>;
  envFrom: EnvSource[];
  probes: ResolvedProbes;
  resources: { requests: Record<string, Quantity>; limits: Record<string, Quantity> };
  security: ResolvedSecurity;
  service?: { name: string; port: number };
  ingressFrom: string[];
  autoscaling?: ResolvedAutoscaling;
  disruptionBudget?: ResolvedDisruptionBudget;
  terminationGracePeriodSeconds?: number;
}

export interface ResolvedConfigMap {
  name: string;
  /** Keys set from the typed fields of spec.config, then spec.config.extra. */
  data: Record<string, string>;
}

export interface ResolvedSecret {
  id: string;
  name: string;
  path: Path;
  store: { kind: string; name: string };
  refreshInterval: string;
  data: Array<{ secretKey: string; remoteRef: { key: string; property?: string } }>;
}

export interface Route {
  id: string;
  path: Path;
  host: string;
  httpPath: string;
  pathType: string;
  to: string;
}

export interface ResolvedIngress {
  name: string;
  className: string;
  tlsSecretName?: string;
  annotations: Record<string, string>;
  routes: Route[];
}

export interface Model {
  app: string;
  environment: string;
  namespace?: string;
  labels: Record<string, string>;
  workloads: Workload[];
  envFrom: EnvFromEntry[];
  configMap?: ResolvedConfigMap;
  secrets: ResolvedSecret[];
  ingress?: ResolvedIngress;
}

export function resolveModel(app: TomodaApp): Model {
  const { spec } = app;
  const environment = spec.environment ?? DEFAULTS.environment;
  const secrets = sortedEntries(spec.secrets ?? {}).map(([id, secret]) => resolveSecret(id, secret));
  const configMap = spec.config ? resolveConfigMap(spec.config, environment) : undefined;
  const envFrom = resolveEnvFrom(spec.backend.envFrom, secrets, configMap);
  const envSources = envFrom.flatMap((entry) => (entry.source ? [entry.source] : []));
  const ingress = spec.ingress ? resolveIngress(spec.ingress, app.metadata.name) : undefined;
  const routedTo = new Set(ingress?.routes.map((route) => route.to));
  const ingressFrom = (name: string): string[] => (routedTo.has(name) ? [...DEFAULTS.ingressControllerNamespaces] : []);
  const pools = sortedEntries(spec.backend.pools).map(([name, pool]) =>
    resolveWorkload({
      name,
      role: 'backend',
      path: ['spec', 'backend', 'pools', name],
      own: pool,
      image: spec.backend.image,
      shared: spec.backend,
      env: [{ name: 'SERVER_MODE', value: pool.mode }, ...sortedEnv({ ...spec.backend.env, ...pool.env }, ['SERVER_MODE'])],
      envFrom: envSources,
      defaultIngressFrom: ingressFrom(name),
    }),
  );
  const frontend = spec.frontend ? [resolveFrontend(spec.frontend, ingressFrom)] : [];
  return {
    app: app.metadata.name,
    environment,
    ...(spec.namespace ? { namespace: spec.namespace } : {}),
    labels: { ...spec.labels },
    workloads: [...pools, ...frontend],
    envFrom,
    ...(configMap ? { configMap } : {}),
    secrets,
    ...(ingress ? { ingress } : {}),
  };
}

function resolveFrontend(frontend: Frontend, ingressFrom: (name: string) => string[]): Workload {
  const name = frontend.name ?? DEFAULTS.frontendName;
  return resolveWorkload({
    name,
    role: 'frontend',
    path: ['spec', 'frontend'],
    own: frontend,
    image: frontend.image,
    shared: {},
    env: sortedEnv(frontend.env ?? {}, []),
    envFrom: [],
    defaultIngressFrom: ingressFrom(name),
  });
}

type WorkloadFields = Omit<Pool, 'mode'>;

interface Shared {
  probes?: Probes;
  resources?: Pool['resources'];
  security?: Security;
  imagePullPolicy?: string;
}

interface WorkloadInput {
  name: string;
  role: Role;
  path: Path;
  own: WorkloadFields & { mode?: string };
  image: Image;
  shared: Shared;
  env: Workload['env'];
  envFrom: EnvSource[];
  defaultIngressFrom: string[];
}

function resolveWorkload(input: WorkloadInput): Workload {
  const { own, shared, role } = input;
  const port = own.port ?? DEFAULTS.port[role];
  const replicas = own.replicas ?? DEFAULTS.replicas;
  const autoscaling = own.autoscaling ? resolveAutoscaling(own.autoscaling) : undefined;
  const minReplicas = autoscaling ? autoscaling.minReplicas : replicas;
  const limits = { ...shared.resources?.limits, ...own.resources?.limits };
  const requests = { ...DEFAULTS.requests, ...shared.resources?.requests, ...own.resources?.requests };
  // Without a limit of its own, a workload gets the default limit, or its memory request where that asks for more.
  const memoryLimit = limits.memory ?? (compareQuantities(requests.memory, DEFAULTS.memoryLimit) === 1 ? requests.memory : DEFAULTS.memoryLimit);
  const image = { ...input.image, tag: input.image.tag ?? DEFAULTS.image.tag };
  return {
    name: input.name,
    role,
    path: input.path,
    ...(own.mode ? { mode: own.mode } : {}),
    image: imageReference(image),
    imagePullPolicy: own.imagePullPolicy ?? shared.imagePullPolicy ?? image.pullPolicy ?? (image.tag === 'latest' && !image.digest ? 'Always' : 'IfNotPresent'),
    port,
    ...(autoscaling ? {} : { replicas }),
    minReplicas,
    env: input.env,
    envFrom: input.envFrom,
    probes: resolveProbes(DEFAULTS.probePath[role], shared.probes, own.probes),
    resources: {
      requests,
      limits: { ...(limits.cpu !== undefined ? { cpu: limits.cpu } : {}), ...(memoryLimit === 'none' ? {} : { memory: memoryLimit }) },
    },
    security: resolveSecurity({ ...shared.security, ...own.security }),
    ...(own.service ? { service: { name: own.service.name ?? DEFAULT_NAME.service(input.name), port: own.service.port ?? port } } : {}),
    ingressFrom: own.ingressFrom ?? input.defaultIngressFrom,
    ...(autoscaling ? { autoscaling } : {}),
    ...(own.disruptionBudget ? { disruptionBudget: resolveDisruptionBudget(own.disruptionBudget, minReplicas) } : {}),
    ...(own.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: own.terminationGracePeriodSeconds } : {}),
  };
}

function resolveAutoscaling(hpa: Autoscaling): ResolvedAutoscaling {
  return {
    minReplicas: hpa.minReplicas ?? DEFAULTS.autoscaling.minReplicas,
    maxReplicas: hpa.maxReplicas,
    cpuUtilization: hpa.cpuUtilization ?? DEFAULTS.autoscaling.cpuUtilization,
    memoryUtilization: hpa.memoryUtilization ?? DEFAULTS.autoscaling.memoryUtilization,
    ...(hpa.scaleDownStabilizationWindowSeconds !== undefined ? { scaleDownStabilizationWindowSeconds: hpa.scaleDownStabilizationWindowSeconds } : {}),
    external: sortedEntries(hpa.external ?? {}).map(([id, metric]) => ({ id, ...metric })),
  };
}

function resolveDisruptionBudget(bounds: { minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent }, pods: number): ResolvedDisruptionBudget {
  const oneBound = (bounds.minAvailable === undefined) !== (bounds.maxUnavailable === undefined);
  return { ...bounds, blocksDrain: oneBound && pods > 0 && evictionsAllowed(bounds, pods) === 0 };
}

function resolveProbes(defaultPath: string, shared: Probes | undefined, own: Probes | undefined): ResolvedProbes {
  const startup = { ...shared?.startup, ...own?.startup };
  return {
    path: own?.path ?? shared?.path ?? defaultPath,
    liveness: { ...DEFAULTS.probeTiming.liveness, ...shared?.liveness, ...own?.liveness },
    readiness: { ...DEFAULTS.probeTiming.readiness, ...shared?.readiness, ...own?.readiness },
    ...(shared?.startup || own?.startup ? { startup } : {}),
  };
}

function resolveSecurity(security: Security): ResolvedSecurity {
  const defaults = DEFAULTS.security;
  return {
    runAsNonRoot: security.runAsNonRoot ?? defaults.runAsNonRoot,
    ...(security.runAsUser !== undefined ? { runAsUser: security.runAsUser } : {}),
    ...(security.runAsGroup !== undefined ? { runAsGroup: security.runAsGroup } : {}),
    ...(security.fsGroup !== undefined ? { fsGroup: security.fsGroup } : {}),
    readOnlyRootFilesystem: security.readOnlyRootFilesystem ?? defaults.readOnlyRootFilesystem,
    writableTmp: security.writableTmp ?? defaults.writableTmp,
    automountServiceAccountToken: security.automountServiceAccountToken ?? defaults.automountServiceAccountToken,
  };
}

/** GCP secrets map each key to its own remote secret; an AWS secret is one JSON document split into properties. */
function resolveSecret(id: string, secret: Secret): ResolvedSecret {
  const data = secret.gcp
    ? sortedEntries(secret.gcp.keys).map(([secretKey, key]) => ({ secretKey, remoteRef: { key } }))
    : sortedEntries(secret.aws?.properties ?? {}).map(([secretKey, property]) => ({ secretKey, remoteRef: { key: secret.aws!.key, property } }));
  return {
    id,
    name: secret.name ?? id,
    path: ['spec', 'secrets', id],
    store: { kind: secret.store.kind ?? DEFAULTS.secret.storeKind, name: secret.store.name },
    refreshInterval: secret.refreshInterval ?? DEFAULTS.secret.refreshInterval,
    data,
  };
}

/** The ConfigMap keys set from the typed fields of spec.config; `extra` may not repeat them. */
export const TYPED_CONFIG_KEYS = ['ENV', 'DB_HOST', 'DB_PORT', 'DB_USER', 'DB_NAME', 'DB_SSLMODE', 'REDIS_HOST', 'REDIS_PORT', 'WEBAUTHN_RP_ID', 'FRONTEND_URL'] as const;

type TypedConfigKey = (typeof TYPED_CONFIG_KEYS)[number];

function resolveConfigMap(config: RuntimeConfig, environment: string): ResolvedConfigMap {
  const { database, redis } = config;
  const typed: Partial<Record<TypedConfigKey, string>> = {
    ENV: config.env ?? environment,
    ...(database
      ? {
          DB_HOST: database.host,
          DB_PORT: String(database.port ?? DEFAULTS.database.port),
          DB_USER: database.user,
          DB_NAME: database.name,
          DB_SSLMODE: database.sslMode ?? DEFAULTS.database.sslMode,
        }
      : {}),
    ...(redis ? { REDIS_HOST: redis.host, REDIS_PORT: String(redis.port ?? DEFAULTS.redis.port) } : {}),
    ...(config.webauthnRpId ? { WEBAUTHN_RP_ID: config.webauthnRpId } : {}),
    ...(config.frontendUrl ? { FRONTEND_URL: config.frontendUrl } : {}),
  };
  return { name: config.name ?? DEFAULT_NAME.configMap(environment), data: Object.fromEntries(sortedEntries({ ...typed, ...config.extra })) };
}

function resolveIngress(ingress: NonNullable<TomodaApp['spec']['ingress']>, app: string): ResolvedIngress {
  const name = ingress.name ?? DEFAULT_NAME.ingress(app);
  const tlsSecretName = ingress.tlsSecretName ?? (ingress.clusterIssuer ? DEFAULT_NAME.tlsSecret(name) : undefined);
  const annotations = { ...ingress.annotations, ...(ingress.clusterIssuer ? { [ANNOTATION.clusterIssuer]: ingress.clusterIssuer } : {}) };
  return {
    name,
    className: ingress.className ?? DEFAULTS.ingress.className,
    ...(tlsSecretName ? { tlsSecretName } : {}),
    annotations: Object.fromEntries(sortedEntries(annotations)),
    routes: sortedEntries(ingress.routes).map(([id, route]) => ({
      id,
      path: ['spec', 'ingress', 'routes', id],
      host: route.host,
      httpPath: route.path ?? DEFAULTS.ingress.path,
      pathType: route.pathType ?? DEFAULTS.ingress.pathType,
      to: route.to,
    })),
  };
}

/** The backend's envFrom list, in the order the backend reads it: as written, or every secret and then the config. */
function resolveEnvFrom(declared: string[] | undefined, secrets: ResolvedSecret[], configMap: ResolvedConfigMap | undefined): EnvFromEntry[] {
  const entries = declared ?? [...secrets.map((secret) => `secrets.${secret.id}`), ...(configMap ? ['config'] : [])];
  const byId = new Map(secrets.map((secret) => [secret.id, secret]));
  return entries.map((entry, i): EnvFromEntry => {
    const path: Path = declared ? ['spec', 'backend', 'envFrom', i] : ['spec', 'backend'];
    const source = envSourceOf(entry, byId, configMap);
    return { entry, path, ...(source ? { source: { ...source, path } } : {}) };
  });
}

function envSourceOf(entry: string, secrets: ReadonlyMap<string, ResolvedSecret>, configMap: ResolvedConfigMap | undefined): Omit<EnvSource, 'path'> | undefined {
  if (entry === 'config') return configMap ? { kind: 'configMap', name: configMap.name, rendered: true } : undefined;
  if (entry.startsWith('secrets.')) {
    const secret = secrets.get(entry.slice('secrets.'.length));
    return secret ? { kind: 'secret', name: secret.name, rendered: true } : undefined;
  }
  const external = /^(secret|configMap):(.+)$/.exec(entry);
  return external ? { kind: external[1] as EnvSource['kind'], name: external[2]!, rendered: false } : undefined;
}

export function sortedEntries<T>(record: Record<string, T>): Array<[string, T]> {
  return Object.keys(record)
    .sort()
    .map((key) => [key, record[key]!]);
}

function sortedEnv(env: Record<string, string>, reserved: string[]): Workload['env'] {
  return sortedEntries(env)
    .filter(([name]) => !reserved.includes(name))
    .map(([name, value]) => ({ name, value }));
}

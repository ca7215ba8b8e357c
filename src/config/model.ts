// The validated config with every default applied, in one place: what the cross-field rules, the renderers and
// the post-render checks' waivers read. Renderers read nothing else. Backend pools and the frontend become one
// Workload shape, so each renderer handles both. The model is built before the rules run, so it must stand
// configs the rules then refuse (an unknown envFrom entry is kept as such, a secret with two providers reads one).
import { ANNOTATION } from '../constants.js';
import { imageReference } from '../k8s/image.js';
import { isIpAddress } from '../k8s/names.js';
import { evictionsAllowed, type IntOrPercent } from '../k8s/int-or-percent.js';
import { compareQuantities, type Quantity } from '../k8s/quantity.js';
import type { Path } from '../results.js';
import { DEFAULT_NAME, DEFAULTS } from './defaults.js';
import {
  ownServiceAccount,
  podSources,
  resolveEnv,
  resolvePod,
  serviceAccountAnnotations,
  type EnvVar,
  type ParseRef,
  type PodInput,
  type PodModel,
  type ServiceAccountModel,
} from './pod-model.js';
import type {
  Autoscaling,
  CronJob,
  Egress,
  Frontend,
  Image,
  Keda,
  Migration,
  Monitoring,
  PatchInput,
  Pool,
  Probes,
  RolloutInput,
  RuntimeConfig,
  Secret,
  Security,
  TomodaApp,
} from './schema.js';

export type Role = 'backend' | 'frontend';

export interface ProbeTiming {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export type ProbeHandler = { kind: 'http'; path: string } | { kind: 'tcp' } | { kind: 'grpc'; service?: string } | { kind: 'exec'; command: string[] };

export interface ResolvedProbes {
  handler: ProbeHandler;
  liveness?: ProbeTiming;
  readiness?: ProbeTiming;
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

export type ScalingRules = NonNullable<NonNullable<Autoscaling['behavior']>['scaleUp']>;

export interface ResolvedAutoscaling {
  minReplicas: number;
  maxReplicas: number;
  /** Undefined where the config says none. */
  cpuUtilization?: number;
  memoryUtilization?: number;
  external: ExternalMetric[];
  /** scaleDownStabilizationWindowSeconds folded into behavior.scaleDown. */
  behavior?: { scaleUp?: ScalingRules; scaleDown?: ScalingRules };
}

export interface ResolvedDisruptionBudget {
  minAvailable?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
  /** True when the budget allows no voluntary eviction at the lowest replica count: warned about, then kept on purpose. */
  blocksDrain: boolean;
}

/** What one pod runs: the fields the pod-template renderer reads, shared by Deployments, Jobs and CronJobs. */
export interface Pod {
  /** The container's name. */
  name: string;
  image: string;
  imagePullPolicy: string;
  command?: string[];
  args?: string[];
  /** The container port, named http; a Job's pod and a worker without HTTP (port: none) have none. */
  port?: number;
  env: EnvVar[];
  envFrom: EnvSource[];
  /** Undefined for probes: none, for a worker without a port and without exec probes, and for a Job's pod. */
  probes?: ResolvedProbes;
  /** A second container port, named metrics, when metrics are scraped apart from the http port. */
  metricsPort?: number;
  resources: { requests: Record<string, Quantity>; limits: Record<string, Quantity> };
  security: ResolvedSecurity;
  /** The pod-level fields (identity, scheduling, drain, volumes, pod metadata), one model for every kind. */
  pod: PodModel;
  /** Secrets and ConfigMaps read through env valueFrom and volumes. */
  podSources: EnvSource[];
}

export interface Workload extends Pod {
  role: Role;
  path: Path;
  mode?: string;
  /** Undefined when an HPA owns the replica count. */
  replicas?: number;
  /** The lowest replica count the workload runs at (HPA minimum or replicas). */
  minReplicas: number;
  /** The highest replica count (HPA, KEDA maximum or replicas). */
  maxReplicas: number;
  service?: { name: string; port: number };
  ingressFrom: string[];
  autoscaling?: ResolvedAutoscaling;
  disruptionBudget?: ResolvedDisruptionBudget;
  /** Workloads of this app whose egress names this one: its ingress policy lets them in. */
  ingressFromWorkloads: Array<{ name: string; ports: number[]; protocol: string }>;
  egress?: ResolvedEgress;
  monitoring?: ResolvedMonitoring;
  keda?: ResolvedKeda;
  // ---- production workload fields (issue 10)
  rollout?: RolloutInput;
  reloadOnChange: boolean;
  /** Extra labels and annotations on the Deployment. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  patches: Array<PatchInput & { target: string; path: Path }>;
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
  migration?: Job;
  cronJobs: Job[];
  /** The Argo CD sync wave of the ConfigMap and ExternalSecrets: one before the migration's, where it has one. */
  configSyncWave?: number;
  /** Every ServiceAccount to render: shared ones (spec.serviceAccounts) first, then the workloads' own. */
  serviceAccounts: ServiceAccountModel[];
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
  const secretsById = new Map(secrets.map((secret) => [secret.id, secret]));
  const parseRef: ParseRef = (entry) => envSourceOf(entry, secretsById, configMap);
  const pools = sortedEntries(spec.backend.pools).map(([name, pool]) =>
    resolveWorkload({
      name,
      role: 'backend',
      path: ['spec', 'backend', 'pools', name],
      own: pool,
      image: spec.backend.image,
      shared: spec.backend,
      env: [
        { name: 'SERVER_MODE', value: pool.mode },
        ...resolveEnv(
          { ...spec.backend.env, ...pool.env },
          (env) => (pool.env?.[env] !== undefined ? ['spec', 'backend', 'pools', name, 'env', env] : ['spec', 'backend', 'env', env]),
          parseRef,
        ),
      ],
      envFrom: envSources,
      defaultIngressFrom: ingressFrom(name),
      derivedEgress: deriveEgressFromConfig(spec.config),
      ...(pool.keda ? { keda: resolveKeda(pool.keda, spec.config, secrets) } : {}),
      parseRef,
    }),
  );
  const frontend = spec.frontend ? [resolveFrontend(spec.frontend, ingressFrom, parseRef)] : [];
  const workloads = [...pools, ...frontend];
  const migration = spec.backend.migration;
  const jobShared: JobShared = { envFrom: envSources, secrets, configMap, parseRef };
  const migrationJob = migration ? resolveMigration(app, migration, jobShared) : undefined;
  const cronJobs = sortedEntries(spec.backend.cronJobs ?? {}).map(([name, cron]) => resolveCronJob(app, name, cron, jobShared));
  // Every pod kind that asks for an account of its own gets one, named after it unless the account says otherwise.
  const own = [
    ...sortedEntries(spec.backend.pools).map(([name, pool]) =>
      ownServiceAccount(name, ['spec', 'backend', 'pools', name], pool.serviceAccount ?? spec.backend.serviceAccount),
    ),
    ...frontend.map((w) => ownServiceAccount(w.name, w.path, spec.frontend!.serviceAccount)),
    ...(migration && migrationJob ? [ownServiceAccount(migrationJob.name, migrationJob.path, migration.serviceAccount ?? spec.backend.serviceAccount)] : []),
    ...cronJobs.map((job) => ownServiceAccount(job.name, job.path, spec.backend.cronJobs![job.name]!.serviceAccount ?? spec.backend.serviceAccount)),
  ].filter((account) => account !== undefined);
  const shared = sortedEntries(spec.serviceAccounts ?? {}).map(([name, account]): ServiceAccountModel => ({
    name,
    annotations: serviceAccountAnnotations(account),
    path: ['spec', 'serviceAccounts', name],
  }));
  return {
    app: app.metadata.name,
    environment,
    ...(spec.namespace ? { namespace: spec.namespace } : {}),
    labels: { ...spec.labels },
    workloads: withWorkloadIngress(workloads),
    envFrom,
    ...(configMap ? { configMap } : {}),
    secrets,
    ...(ingress ? { ingress } : {}),
    ...(migrationJob ? { migration: migrationJob } : {}),
    cronJobs,
    ...(migration?.argocd?.syncWave !== undefined ? { configSyncWave: migration.argocd.syncWave - 1 } : {}),
    serviceAccounts: [...shared, ...own],
  };
}

function resolveFrontend(frontend: Frontend, ingressFrom: (name: string) => string[], parseRef: ParseRef): Workload {
  const name = frontend.name ?? DEFAULTS.frontendName;
  return resolveWorkload({
    name,
    role: 'frontend',
    path: ['spec', 'frontend'],
    own: frontend,
    image: frontend.image,
    shared: {},
    env: resolveEnv(frontend.env ?? {}, (env) => ['spec', 'frontend', 'env', env], parseRef),
    envFrom: [],
    defaultIngressFrom: ingressFrom(name),
    derivedEgress: [],
    parseRef,
  });
}

type WorkloadFields = Omit<Pool, 'mode' | 'keda'>;

interface Shared {
  probes?: Probes;
  resources?: Pool['resources'];
  security?: Security;
  imagePullPolicy?: string;
  serviceAccount?: Pool['serviceAccount'];
  scheduling?: Pool['scheduling'];
  reloadOnChange?: boolean;
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
  /** Egress allowances read from spec.config (the backend's database and Redis). */
  derivedEgress: EgressRule[];
  keda?: ResolvedKeda;
  parseRef: ParseRef;
}

function resolveWorkload(input: WorkloadInput): Workload {
  const { own, shared, role } = input;
  const port = own.port === 'none' ? undefined : (own.port ?? DEFAULTS.port[role]);
  const replicas = own.replicas ?? DEFAULTS.replicas;
  const autoscaling = own.autoscaling ? resolveAutoscaling(own.autoscaling) : undefined;
  // KEDA makes its own HPA from the ScaledObject; either way the Deployment leaves replicas to it.
  const scaler = input.keda ?? autoscaling;
  const minReplicas = scaler ? scaler.minReplicas : replicas;
  const maxReplicas = scaler ? scaler.maxReplicas : replicas;
  const pod = resolvePod(
    {
      name: input.name,
      path: input.path,
      maxPods: maxReplicas,
      ...podFields(own, shared, input.image),
      preStop: own.preStop,
      terminationGracePeriodSeconds: own.terminationGracePeriodSeconds,
    },
    input.parseRef,
  );
  return {
    name: input.name,
    role,
    path: input.path,
    ...(own.mode ? { mode: own.mode } : {}),
    ...resolveImage(input.image, own.imagePullPolicy ?? shared.imagePullPolicy),
    ...(port !== undefined ? { port } : {}),
    ...(scaler ? {} : { replicas }),
    minReplicas,
    maxReplicas,
    env: input.env,
    envFrom: input.envFrom,
    ...resolveProbes(DEFAULTS.probePath[role], shared.probes, own.probes, port),
    resources: resolveResources(shared.resources, own.resources),
    security: resolveSecurity({ ...shared.security, ...own.security }),
    // A Service needs a container port to target; without one the rules report it and no Service is modelled.
    ...(own.service && port !== undefined ? { service: { name: own.service.name ?? DEFAULT_NAME.service(input.name), port: own.service.port ?? port } } : {}),
    ingressFrom: own.ingressFrom ?? input.defaultIngressFrom,
    ...(autoscaling ? { autoscaling } : {}),
    ...(own.disruptionBudget ? { disruptionBudget: resolveDisruptionBudget(own.disruptionBudget, minReplicas) } : {}),
    pod,
    podSources: podSources(input.env, pod),
    ...(own.rollout ? { rollout: own.rollout } : {}),
    reloadOnChange: own.reloadOnChange ?? shared.reloadOnChange ?? DEFAULTS.reloadOnChange,
    labels: { ...own.labels },
    annotations: { ...own.annotations },
    patches: (own.patches ?? []).map((patch, i) => ({ ...patch, target: patch.target ?? DEFAULTS.patchTarget, path: [...input.path, 'patches', i] })),
    ingressFromWorkloads: [],
    ...(own.egress ? { egress: resolveEgress(own.egress, [...input.path, 'egress'], input.derivedEgress) } : {}),
    ...resolveMonitoring(own.monitoring, port),
    ...(input.keda ? { keda: input.keda } : {}),
  };
}

/** The image reference and its pull policy: the one given, else Always for :latest and IfNotPresent for a release. */
function resolveImage(given: Image, pullPolicy: string | undefined): { image: string; imagePullPolicy: string } {
  const image = { ...given, tag: given.tag ?? DEFAULTS.image.tag };
  return {
    image: imageReference(image),
    imagePullPolicy: pullPolicy ?? image.pullPolicy ?? (image.tag === 'latest' && !image.digest ? 'Always' : 'IfNotPresent'),
  };
}

/** Requests over the defaults; without a limit of its own, a pod gets the default limit, or its memory request where that asks for more. */
function resolveResources(shared: Pool['resources'], own: Pool['resources']): Pod['resources'] {
  const limits = { ...shared?.limits, ...own?.limits };
  const requests = { ...DEFAULTS.requests, ...shared?.requests, ...own?.requests };
  const memoryLimit = limits.memory ?? (compareQuantities(requests.memory, DEFAULTS.memoryLimit) === 1 ? requests.memory : DEFAULTS.memoryLimit);
  return {
    requests,
    limits: { ...(limits.cpu !== undefined ? { cpu: limits.cpu } : {}), ...(memoryLimit === 'none' ? {} : { memory: memoryLimit }) },
  };
}

function resolveAutoscaling(hpa: Autoscaling): ResolvedAutoscaling {
  return {
    minReplicas: hpa.minReplicas ?? DEFAULTS.autoscaling.minReplicas,
    maxReplicas: hpa.maxReplicas,
    ...utilization('cpuUtilization', hpa.cpuUtilization ?? DEFAULTS.autoscaling.cpuUtilization),
    ...utilization('memoryUtilization', hpa.memoryUtilization ?? DEFAULTS.autoscaling.memoryUtilization),
    external: sortedEntries(hpa.external ?? {}).map(([id, metric]) => ({ id, ...metric })),
    ...scalingBehavior(hpa),
  };
}

const utilization = (key: 'cpuUtilization' | 'memoryUtilization', value: number | 'none'): Partial<ResolvedAutoscaling> =>
  value === 'none' ? {} : { [key]: value };

/** scaleDownStabilizationWindowSeconds is shorthand for behavior.scaleDown.stabilizationWindowSeconds (the rules refuse both). */
function scalingBehavior(hpa: Autoscaling): Pick<ResolvedAutoscaling, 'behavior'> {
  const window = hpa.scaleDownStabilizationWindowSeconds;
  const scaleDown = window !== undefined ? { ...hpa.behavior?.scaleDown, stabilizationWindowSeconds: window } : hpa.behavior?.scaleDown;
  const scaleUp = hpa.behavior?.scaleUp;
  return scaleUp || scaleDown ? { behavior: { ...(scaleUp ? { scaleUp } : {}), ...(scaleDown ? { scaleDown } : {}) } } : {};
}

/** A budget without exactly one bound is refused by the one-bound rule, so blocksDrain is read only where there is one. */
function resolveDisruptionBudget(bounds: { minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent }, pods: number): ResolvedDisruptionBudget {
  return { ...bounds, blocksDrain: pods > 0 && evictionsAllowed(bounds, pods) === 0 };
}

/**
 * Probes: the workload's own handler wins, then the shared one, then HTTP on the role's path. A workload without
 * a port gets no probes unless it names an exec handler; `none` drops a probe (or, for the whole field, all).
 */
function resolveProbes(
  defaultPath: string,
  shared: Probes | undefined,
  own: Probes | 'none' | undefined,
  port: number | undefined,
): { probes?: ResolvedProbes } {
  if (own === 'none') return {};
  const handler = probeHandler(own) ?? probeHandler(shared) ?? (port === undefined ? undefined : { kind: 'http', path: defaultPath });
  if (!handler) return {};
  const timing = (probe: 'liveness' | 'readiness'): ProbeTiming | undefined => {
    const chosen = own?.[probe] ?? shared?.[probe];
    if (chosen === 'none') return undefined;
    const sharedTiming = shared?.[probe] === 'none' ? {} : shared?.[probe];
    return { ...DEFAULTS.probeTiming[probe], ...sharedTiming, ...(own?.[probe] as ProbeTiming | undefined) };
  };
  const liveness = timing('liveness');
  const readiness = timing('readiness');
  return {
    probes: {
      handler,
      ...(liveness ? { liveness } : {}),
      ...(readiness ? { readiness } : {}),
      ...(shared?.startup || own?.startup ? { startup: { ...shared?.startup, ...own?.startup } } : {}),
    },
  };
}

function probeHandler(probes: Probes | undefined): ProbeHandler | undefined {
  if (!probes) return undefined;
  if (probes.exec) return { kind: 'exec', command: [...probes.exec] };
  if (probes.grpc) return { kind: 'grpc', ...(probes.grpc.service !== undefined ? { service: probes.grpc.service } : {}) };
  if (probes.tcp) return { kind: 'tcp' };
  if (probes.path !== undefined) return { kind: 'http', path: probes.path };
  return undefined;
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
export const TYPED_CONFIG_KEYS = [
  'ENV',
  'DB_HOST',
  'DB_PORT',
  'DB_USER',
  'DB_NAME',
  'DB_SSLMODE',
  'REDIS_HOST',
  'REDIS_PORT',
  'WEBAUTHN_RP_ID',
  'FRONTEND_URL',
] as const;

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
function resolveEnvFrom(
  declared: string[] | undefined,
  secrets: ResolvedSecret[],
  configMap: ResolvedConfigMap | undefined,
  base: Path = ['spec', 'backend'],
): EnvFromEntry[] {
  const entries = declared ?? [...secrets.map((secret) => `secrets.${secret.id}`), ...(configMap ? ['config'] : [])];
  const byId = new Map(secrets.map((secret) => [secret.id, secret]));
  return entries.map((entry, i): EnvFromEntry => {
    const path: Path = declared ? [...base, 'envFrom', i] : base;
    const source = envSourceOf(entry, byId, configMap);
    return { entry, path, ...(source ? { source: { ...source, path } } : {}) };
  });
}

/** What a Secret or ConfigMap reference (`secrets.<id>`, `config`, `secret:<name>`, `configMap:<name>`) names, if anything. */
export function parseSourceRef(model: Model, entry: string): Omit<EnvSource, 'path'> | undefined {
  return envSourceOf(entry, new Map(model.secrets.map((secret) => [secret.id, secret])), model.configMap);
}

function envSourceOf(
  entry: string,
  secrets: ReadonlyMap<string, ResolvedSecret>,
  configMap: ResolvedConfigMap | undefined,
): Omit<EnvSource, 'path'> | undefined {
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

// ---- Jobs, scheduled tasks, egress, monitoring and queue-depth scaling ---------------------------------------

const DEFAULT_JOB = DEFAULTS.job;
const DEFAULT_CRON = DEFAULTS.cronJob;
const DEFAULT_ARGOCD_HOOK = DEFAULTS.migrationHook;
const DEFAULT_DNS = DEFAULTS.egressDns;
export const DNS_PORT = 53;
const DEFAULT_METRICS = DEFAULTS.metrics;
/** Container port names: the workload's port and, where metrics are served apart, the metrics port. */
export const PORT_NAME = 'http';
export const METRICS_PORT_NAME = 'metrics';
const DEFAULT_SCRAPER_NAMESPACE = DEFAULTS.scraperNamespace;
const DEFAULT_KEDA = DEFAULTS.keda;

/** A Job's pod and its run: the migration or one scheduled task. */
export interface Job extends Pod {
  role: 'migration' | 'scheduled-task';
  path: Path;
  /** The Job's own envFrom entries, where it lists them instead of sharing the pools'. */
  envFromEntries?: EnvFromEntry[];
  restartPolicy: string;
  backoffLimit: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  /** The migration's Argo CD ordering: a hook, or an ordinary resource in a sync wave. */
  argocd?: { hook?: { name: string; deletePolicy: string }; syncWave?: number };
  schedule?: {
    schedule: string;
    timeZone?: string;
    concurrencyPolicy: string;
    successfulJobsHistoryLimit: number;
    failedJobsHistoryLimit: number;
    suspend: boolean;
    startingDeadlineSeconds?: number;
  };
}

export interface EgressRule {
  /** Key under egress.to, or config.database / config.redis for a derived one. */
  name: string;
  path: Path;
  to: { namespace: string; podLabels?: Record<string, string> } | { workload: string } | { cidr: string; except: string[] } | { ownNamespace: true };
  /** Empty: every port. */
  ports: number[];
  protocol: string;
}

export interface ResolvedEgress {
  /** False where the config tries to turn DNS off, which the rules refuse. */
  dns: { namespace: string; podLabels: Record<string, string> } | false;
  rules: EgressRule[];
}

export interface ResolvedMonitoring {
  port: number;
  portName: string;
  path: string;
  interval: string;
  podMonitoring: boolean;
  podMonitor: boolean;
  serviceMonitor: boolean;
  /** Namespaces whose scrapers the workload's ingress policy lets in on the metrics port. */
  scrapedFrom: string[];
}

export interface ResolvedKeda {
  minReplicas: number;
  maxReplicas: number;
  /** host:port from spec.config.redis; undefined when the config has none (the rules report it). */
  address?: string;
  listNames: string[];
  listLength: number;
  activationListLength?: number;
  pollingInterval?: number;
  cooldownPeriod?: number;
  enableTLS?: boolean;
  /** `rendered`: the Secret is written by one of this app's ExternalSecrets, else it is made elsewhere. */
  password?: { secret: string; key: string; rendered: boolean };
}

/**
 * A Job's pod: the backend image, env and (unless the Job lists its own) envFrom, with the pools' resource and
 * security defaults, and the pod-level fields (account, scheduling, pod metadata, volumes) through the same
 * resolvePod as the pools. A Job runs one pod, so it gets no default spread; preStop and rollouts do not apply.
 */
function resolveJobPod(app: TomodaApp, name: string, run: Migration | CronJob, shared: JobShared, path: Path): Pod & Pick<Job, 'envFromEntries'> {
  const { backend } = app.spec;
  const own = run.envFrom && resolveEnvFrom(run.envFrom, shared.secrets, shared.configMap, path);
  const envFrom = own ? own.flatMap((entry) => (entry.source ? [entry.source] : [])) : shared.envFrom;
  const env = resolveEnv(
    { ...backend.env, ...run.env },
    (env) => (run.env?.[env] !== undefined ? [...path, 'env', env] : ['spec', 'backend', 'env', env]),
    shared.parseRef,
  );
  const pod = resolvePod(
    {
      name,
      path,
      maxPods: 1,
      ...podFields(run, backend, backend.image),
    },
    shared.parseRef,
  );
  return {
    ...(own ? { envFromEntries: own } : {}),
    name,
    ...resolveImage(backend.image, backend.imagePullPolicy),
    ...(run.command ? { command: run.command } : {}),
    ...(run.args ? { args: run.args } : {}),
    env,
    envFrom,
    resources: resolveResources(backend.resources, run.resources),
    security: resolveSecurity({ ...backend.security, ...run.security }),
    pod,
    podSources: podSources(env, pod),
  };
}

type PodFields = Pick<PodInput, 'serviceAccount' | 'scheduling' | 'podLabels' | 'podAnnotations' | 'volumes'>;

/** The pod-level fields every pod kind has, as written on a workload or Job, the account and scheduling falling back to spec.backend's. */
const podFields = (own: PodFields, shared: Pick<PodFields, 'serviceAccount' | 'scheduling'>, image: Image): PodFields & Pick<PodInput, 'pullSecrets'> => ({
  serviceAccount: own.serviceAccount ?? shared.serviceAccount,
  scheduling: own.scheduling ?? shared.scheduling,
  pullSecrets: image.pullSecrets,
  podLabels: own.podLabels,
  podAnnotations: own.podAnnotations,
  volumes: own.volumes,
});

/** What every Job shares with the pools: their envFrom, and the app's secrets and ConfigMap its own envFrom and env may name. */
interface JobShared {
  envFrom: EnvSource[];
  secrets: ResolvedSecret[];
  configMap: ResolvedConfigMap | undefined;
  parseRef: ParseRef;
}

function resolveMigration(app: TomodaApp, migration: Migration, shared: JobShared): Job {
  const name = migration.name ?? DEFAULT_NAME.migration(app.metadata.name);
  const argocd = migration.argocd;
  const wave = argocd?.syncWave !== undefined && argocd.hook === undefined && argocd.hookDeletePolicy === undefined;
  return {
    ...resolveJobPod(app, name, migration, shared, ['spec', 'backend', 'migration']),
    role: 'migration',
    path: ['spec', 'backend', 'migration'],
    restartPolicy: migration.restartPolicy ?? DEFAULT_JOB.restartPolicy,
    backoffLimit: migration.backoffLimit ?? DEFAULT_JOB.backoffLimit,
    activeDeadlineSeconds: migration.activeDeadlineSeconds ?? DEFAULT_JOB.migrationDeadlineSeconds,
    // A sync-wave Job that deletes itself reappears as missing, and Argo CD would run it again on every sync.
    ...(migration.ttlSecondsAfterFinished !== undefined || !wave
      ? { ttlSecondsAfterFinished: migration.ttlSecondsAfterFinished ?? DEFAULT_JOB.ttlSecondsAfterFinished }
      : {}),
    argocd: {
      ...(wave
        ? {}
        : { hook: { name: argocd?.hook ?? DEFAULT_ARGOCD_HOOK.hook, deletePolicy: argocd?.hookDeletePolicy ?? DEFAULT_ARGOCD_HOOK.hookDeletePolicy } }),
      ...(argocd?.syncWave !== undefined ? { syncWave: argocd.syncWave } : {}),
    },
  };
}

function resolveCronJob(app: TomodaApp, name: string, cron: CronJob, shared: JobShared): Job {
  return {
    ...resolveJobPod(app, name, cron, shared, ['spec', 'backend', 'cronJobs', name]),
    role: 'scheduled-task',
    path: ['spec', 'backend', 'cronJobs', name],
    restartPolicy: cron.restartPolicy ?? DEFAULT_JOB.restartPolicy,
    backoffLimit: cron.backoffLimit ?? DEFAULT_JOB.backoffLimit,
    ...(cron.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: cron.activeDeadlineSeconds } : {}),
    ttlSecondsAfterFinished: cron.ttlSecondsAfterFinished ?? DEFAULT_JOB.ttlSecondsAfterFinished,
    schedule: {
      schedule: cron.schedule,
      ...(cron.timeZone !== undefined ? { timeZone: cron.timeZone } : {}),
      concurrencyPolicy: cron.concurrencyPolicy ?? DEFAULT_CRON.concurrencyPolicy,
      successfulJobsHistoryLimit: cron.successfulJobsHistoryLimit ?? DEFAULT_CRON.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: cron.failedJobsHistoryLimit ?? DEFAULT_CRON.failedJobsHistoryLimit,
      suspend: cron.suspend ?? DEFAULT_CRON.suspend,
      ...(cron.startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds: cron.startingDeadlineSeconds } : {}),
    },
  };
}

function resolveEgress(egress: Egress, path: Path, derived: EgressRule[]): ResolvedEgress {
  const listed = sortedEntries(egress.to ?? {}).map(([name, rule]): EgressRule => {
    const to: EgressRule['to'] = rule.workload
      ? { workload: rule.workload }
      : rule.cidr
        ? { cidr: rule.cidr, except: rule.except ?? [] }
        : // Stryker disable next-line StringLiteral: without workload, cidr and namespace the rule is refused (one-target), so '' is never seen
          { namespace: rule.namespace ?? '', ...(rule.podLabels ? { podLabels: { ...rule.podLabels } } : {}) };
    return { name, path: [...path, 'to', name], to, ports: rule.ports ?? [], protocol: rule.protocol ?? DEFAULTS.egressProtocol };
  });
  return {
    dns:
      egress.dns === false
        ? false
        : { namespace: egress.dns?.namespace ?? DEFAULT_DNS.namespace, podLabels: { ...(egress.dns?.podLabels ?? DEFAULT_DNS.podLabels) } },
    rules: [...(egress.fromConfig === false ? [] : derived), ...listed],
  };
}

/** The namespace of an in-cluster Service host (`<service>.<namespace>.svc[.<cluster domain>]`), else undefined. */
export const serviceNamespace = (host: string): string | undefined => /^[^.]+\.([^.]+)\.svc(\..+)?$/.exec(host)?.[1];

/**
 * Where a host of spec.config is, as an egress peer: a Service in another namespace, a Service of the app's own
 * namespace (a single label), or an IP address; undefined for a DNS name outside the cluster.
 */
function hostPeer(host: string): EgressRule['to'] | undefined {
  const namespace = serviceNamespace(host);
  if (namespace) return { namespace };
  if (isIpAddress(host)) return { cidr: host.includes(':') ? `${host}/128` : `${host}/32`, except: [] };
  return host.includes('.') ? undefined : { ownNamespace: true };
}

/** The database and Redis of spec.config, where their hosts are in-cluster Services: the backend pools read them. */
function deriveEgressFromConfig(config: RuntimeConfig | undefined): EgressRule[] {
  const stores: Array<[string, { host: string; port: number } | undefined]> = [
    ['database', config?.database && { host: config.database.host, port: config.database.port ?? DEFAULTS.database.port }],
    ['redis', config?.redis && { host: config.redis.host, port: config.redis.port ?? DEFAULTS.redis.port }],
  ];
  return stores.flatMap(([name, store]): EgressRule[] => {
    const to = store && hostPeer(store.host);
    if (!store || !to) return [];
    return [{ name: `config.${name}`, path: ['spec', 'config', name, 'host'], to, ports: [store.port], protocol: 'TCP' }];
  });
}

/** Each workload's ingress lets in the workloads whose egress names it, on the ports they name (default: its port). */
/** An egress rule to a workload without ports gets the workload's port. */
function withWorkloadIngress(resolved: Workload[]): Workload[] {
  // A worker without a port (port: none) has no port to default to; the rules ask the rule for its ports.
  const ports = new Map(resolved.flatMap((w) => (w.port !== undefined ? [[w.name, w.port] as const] : [])));
  const workloads = resolved.map((w) =>
    w.egress
      ? {
          ...w,
          egress: {
            ...w.egress,
            rules: w.egress.rules.map((rule) =>
              'workload' in rule.to && !rule.ports.length && ports.has(rule.to.workload) ? { ...rule, ports: [ports.get(rule.to.workload)!] } : rule,
            ),
          },
        }
      : w,
  );
  return workloads.map((target) => ({
    ...target,
    ingressFromWorkloads: workloads.flatMap((source) =>
      (source.egress?.rules ?? []).flatMap((rule) =>
        'workload' in rule.to && rule.to.workload === target.name ? [{ name: source.name, ports: rule.ports, protocol: rule.protocol }] : [],
      ),
    ),
  }));
}

function resolveMonitoring(monitoring: Monitoring | undefined, port: number | undefined): { monitoring?: ResolvedMonitoring; metricsPort?: number } {
  if (!monitoring) return {};
  const metricsPort = monitoring.port ?? port;
  // A worker without HTTP (port: none) must say where its metrics are served; the rules report it, and nothing is scraped.
  if (metricsPort === undefined) return {};
  const operator = Boolean(monitoring.podMonitor || monitoring.serviceMonitor);
  return {
    monitoring: {
      port: metricsPort,
      portName: metricsPort === port ? PORT_NAME : METRICS_PORT_NAME,
      path: monitoring.path ?? DEFAULT_METRICS.path,
      interval: monitoring.interval ?? DEFAULT_METRICS.interval,
      podMonitoring: monitoring.podMonitoring ?? false,
      podMonitor: monitoring.podMonitor ?? false,
      serviceMonitor: monitoring.serviceMonitor ?? false,
      scrapedFrom: [
        ...(monitoring.podMonitoring ? [DEFAULT_SCRAPER_NAMESPACE.podMonitoring] : []),
        ...(operator ? [DEFAULT_SCRAPER_NAMESPACE.prometheusOperator] : []),
      ],
    },
    ...(metricsPort === port ? {} : { metricsPort }),
  };
}

function resolveKeda(keda: Keda, config: RuntimeConfig | undefined, secrets: ResolvedSecret[]): ResolvedKeda {
  const redis = config?.redis;
  const secret = keda.passwordFrom && envSourceOf(keda.passwordFrom.secret, new Map(secrets.map((s) => [s.id, s])), undefined);
  return {
    minReplicas: keda.minReplicas ?? DEFAULT_KEDA.minReplicas,
    maxReplicas: keda.maxReplicas,
    ...(redis ? { address: `${redis.host}:${redis.port ?? DEFAULTS.redis.port}` } : {}),
    // Asynq keeps a queue's pending tasks in the Redis list asynq:{<queue>}:pending.
    listNames: (keda.queues ?? DEFAULT_KEDA.queues).map((queue) => `asynq:{${queue}}:pending`),
    listLength: keda.listLength ?? DEFAULT_KEDA.listLength,
    ...(keda.activationListLength !== undefined ? { activationListLength: keda.activationListLength } : {}),
    ...(keda.pollingInterval !== undefined ? { pollingInterval: keda.pollingInterval } : {}),
    ...(keda.cooldownPeriod !== undefined ? { cooldownPeriod: keda.cooldownPeriod } : {}),
    ...(keda.enableTLS !== undefined ? { enableTLS: keda.enableTLS } : {}),
    ...(secret?.kind === 'secret'
      ? { password: { secret: secret.name, key: keda.passwordFrom!.key ?? DEFAULT_KEDA.passwordKey, rendered: secret.rendered } }
      : {}),
  };
}
// ---- end of the jobs, egress, monitoring and queue-depth section ------------------------------------------------

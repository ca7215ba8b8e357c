// The validated config with every default applied: what the renderers and the cross-field rules read.
// Backend pools and the frontend become one Workload shape, so each renderer handles both.
import type { Path } from '../results.js';
import { imageReference } from '../k8s/image.js';
import { compareQuantities, type Quantity } from '../k8s/quantity.js';
import type { Autoscaling, Frontend, Image, Pool, Probes, Security, TomodaApp } from './schema.js';

export const DEFAULT_PORT = { backend: 8080, frontend: 8081 } as const;
const DEFAULT_PROBE_PATH = { backend: '/health', frontend: '/' } as const;
const DEFAULT_TIMING = {
  liveness: { initialDelaySeconds: 15, periodSeconds: 30 },
  readiness: { initialDelaySeconds: 10, periodSeconds: 10 },
} as const;
const DEFAULT_REQUESTS = { cpu: '10m', memory: '64Mi' } as const;
const DEFAULT_MEMORY_LIMIT = '256Mi';
const DEFAULT_INGRESS_CONTROLLER_NAMESPACE = 'traefik-system';

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
  autoscaling?: Autoscaling;
  disruptionBudget?: { minAvailable?: number | string; maxUnavailable?: number | string };
  terminationGracePeriodSeconds?: number;
}

export interface Model {
  app: string;
  namespace?: string;
  labels: Record<string, string>;
  workloads: Workload[];
}

export function resolveModel(app: TomodaApp): Model {
  const { spec } = app;
  const routedTo = new Set(Object.values(spec.ingress?.routes ?? {}).map((route) => route.to));
  const controllerNamespaces = [DEFAULT_INGRESS_CONTROLLER_NAMESPACE];
  const envFrom = resolveEnvFrom(app);
  const pools = sortedEntries(spec.backend.pools).map(([name, pool]) =>
    resolveWorkload({
      name,
      role: 'backend',
      path: ['spec', 'backend', 'pools', name],
      own: pool,
      image: spec.backend.image,
      shared: spec.backend,
      env: [{ name: 'SERVER_MODE', value: pool.mode }, ...sortedEnv({ ...spec.backend.env, ...pool.env }, ['SERVER_MODE'])],
      envFrom,
      defaultIngressFrom: routedTo.has(name) ? controllerNamespaces : [],
    }),
  );
  const frontend = spec.frontend ? [resolveFrontend(spec.frontend, routedTo.has(spec.frontend.name) ? controllerNamespaces : [])] : [];
  return {
    app: app.metadata.name,
    ...(spec.namespace ? { namespace: spec.namespace } : {}),
    labels: { ...spec.labels },
    workloads: [...pools, ...frontend],
  };
}

function resolveFrontend(frontend: Frontend, defaultIngressFrom: string[]): Workload {
  return resolveWorkload({
    name: frontend.name,
    role: 'frontend',
    path: ['spec', 'frontend'],
    own: frontend,
    image: frontend.image,
    shared: {},
    env: sortedEnv(frontend.env ?? {}, []),
    envFrom: [],
    defaultIngressFrom,
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
  const port = own.port ?? DEFAULT_PORT[role];
  const replicas = own.replicas ?? 1;
  const limits = { ...shared.resources?.limits, ...own.resources?.limits };
  const requests = { ...DEFAULT_REQUESTS, ...shared.resources?.requests, ...own.resources?.requests };
  // Without a limit of its own, a workload gets 256Mi, or its memory request where that asks for more.
  const memoryLimit = limits.memory ?? (compareQuantities(requests.memory, DEFAULT_MEMORY_LIMIT) === 1 ? requests.memory : DEFAULT_MEMORY_LIMIT);
  return {
    name: input.name,
    role,
    path: input.path,
    ...(own.mode ? { mode: own.mode } : {}),
    image: imageReference(input.image),
    imagePullPolicy: own.imagePullPolicy ?? shared.imagePullPolicy ?? input.image.pullPolicy ?? defaultPullPolicy(input.image),
    port,
    ...(own.autoscaling ? {} : { replicas }),
    minReplicas: own.autoscaling ? own.autoscaling.minReplicas : replicas,
    env: input.env,
    envFrom: input.envFrom,
    probes: resolveProbes(DEFAULT_PROBE_PATH[role], shared.probes, own.probes),
    resources: {
      requests,
      limits: { ...(limits.cpu !== undefined ? { cpu: limits.cpu } : {}), ...(memoryLimit === 'none' ? {} : { memory: memoryLimit }) },
    },
    security: resolveSecurity({ ...shared.security, ...own.security }),
    ...(own.service ? { service: { name: own.service.name ?? `${input.name}-service`, port: own.service.port ?? port } } : {}),
    ingressFrom: own.ingressFrom ?? input.defaultIngressFrom,
    ...(own.autoscaling ? { autoscaling: own.autoscaling } : {}),
    ...(own.disruptionBudget ? { disruptionBudget: own.disruptionBudget } : {}),
    ...(own.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: own.terminationGracePeriodSeconds } : {}),
  };
}

function resolveProbes(defaultPath: string, shared: Probes | undefined, own: Probes | undefined): ResolvedProbes {
  const startup = { ...shared?.startup, ...own?.startup };
  return {
    path: own?.path ?? shared?.path ?? defaultPath,
    liveness: { ...DEFAULT_TIMING.liveness, ...shared?.liveness, ...own?.liveness },
    readiness: { ...DEFAULT_TIMING.readiness, ...shared?.readiness, ...own?.readiness },
    ...(shared?.startup || own?.startup ? { startup } : {}),
  };
}

function resolveSecurity(security: Security): ResolvedSecurity {
  return {
    runAsNonRoot: security.runAsNonRoot ?? true,
    ...(security.runAsUser !== undefined ? { runAsUser: security.runAsUser } : {}),
    ...(security.runAsGroup !== undefined ? { runAsGroup: security.runAsGroup } : {}),
    ...(security.fsGroup !== undefined ? { fsGroup: security.fsGroup } : {}),
    readOnlyRootFilesystem: security.readOnlyRootFilesystem ?? true,
    writableTmp: security.writableTmp ?? true,
    automountServiceAccountToken: security.automountServiceAccountToken ?? false,
  };
}

/** The backend's envFrom list, in the order the backend reads it. Unknown entries are reported by the rules and left out here. */
export function resolveEnvFrom(app: TomodaApp): EnvSource[] {
  const { spec } = app;
  const declared = spec.backend.envFrom;
  const entries = declared ?? [...sortedEntries(spec.secrets ?? {}).map(([id]) => `secrets.${id}`), ...(spec.config ? ['config'] : [])];
  return entries.flatMap((entry, i): EnvSource[] => {
    const path: Path = declared ? ['spec', 'backend', 'envFrom', i] : ['spec', 'backend'];
    const source = parseEnvFromEntry(entry, app);
    return source ? [{ ...source, path }] : [];
  });
}

export function parseEnvFromEntry(entry: string, app: TomodaApp): Omit<EnvSource, 'path'> | undefined {
  const { spec } = app;
  if (entry === 'config') return spec.config ? { kind: 'configMap', name: configMapName(app), rendered: true } : undefined;
  if (entry.startsWith('secrets.')) {
    const id = entry.slice('secrets.'.length);
    const secret = spec.secrets?.[id];
    return secret ? { kind: 'secret', name: secret.name ?? id, rendered: true } : undefined;
  }
  const external = /^(secret|configMap):(.+)$/.exec(entry);
  if (external) return { kind: external[1] as EnvSource['kind'], name: external[2]!, rendered: false };
  return undefined;
}

export const configMapName = (app: TomodaApp): string => app.spec.config?.name ?? `backend-config-${app.spec.environment}`;

const defaultPullPolicy = (image: Image): string => (image.tag === 'latest' && !image.digest ? 'Always' : 'IfNotPresent');

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

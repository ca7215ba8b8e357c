// The pod-level part of a workload's model (issue 10): identity, scheduling, drain, env from references,
// volumes and pod metadata, with their defaults applied once. Any pod template (Deployment, Job, CronJob)
// renders from a PodModel.
import { ANNOTATION } from '../constants.js';
import { DEFAULT_GRACE_SECONDS } from '../k8s/pod.js';
import type { Path } from '../results.js';
import { DEFAULTS } from './defaults.js';
import type { EnvSource } from './model.js';
import type { EnvValueInput, PreStopInput, SchedulingInput, ServiceAccountSpecInput, VolumeInput, WorkloadServiceAccountInput } from './schema.js';

export const ZONE_KEY = 'topology.kubernetes.io/zone';
export const NODE_KEY = 'kubernetes.io/hostname';

/** A Secret or ConfigMap a pod reads: the same shape as an envFrom source. */
export type SourceRef = EnvSource;

export type EnvVar =
  | { name: string; value: string }
  | { name: string; from: SourceRef; key: string; optional: boolean }
  | { name: string; field: string }
  | { name: string; resource: string; divisor?: string };

export interface Spread {
  topologyKey: string;
  whenUnsatisfiable: 'ScheduleAnyway' | 'DoNotSchedule';
  maxSkew: number;
}

export interface ResolvedScheduling {
  spread: Spread[];
  /** True when the user asked for a spread (not the default), for the one-replica warning. */
  spreadAsked: boolean;
  zones?: string[];
  nodeSelector?: Record<string, string>;
  tolerations?: NonNullable<SchedulingInput['tolerations']>;
  antiAffinity?: 'preferred' | 'required';
  priorityClassName?: string;
}

export type PreStop = { sleepSeconds: number } | { exec: string[] } | { httpGet: { path: string } };

export interface PodVolume {
  name: string;
  mountPath: string;
  readOnly: boolean;
  subPath?: string;
  source: { kind: 'secret' | 'configMap'; ref: SourceRef; items?: Record<string, string> } | { kind: 'emptyDir'; sizeLimit?: string | number; medium?: string };
}

export interface ServiceAccountModel {
  name: string;
  annotations: Record<string, string>;
  /** The workload that owns it; undefined for a shared account. */
  owner?: string;
  path: Path;
}

export interface PodModel {
  /** Undefined: the namespace's default account. */
  serviceAccountName?: string;
  /** True when serviceAccountName is made elsewhere (serviceAccount.external), not rendered here. */
  serviceAccountExternal: boolean;
  imagePullSecrets: string[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  scheduling: ResolvedScheduling;
  preStop?: PreStop;
  terminationGracePeriodSeconds?: number;
  volumes: PodVolume[];
}

export interface PodInput {
  name: string;
  path: Path;
  /** The most pods the workload runs (HPA maximum or replicas). */
  maxPods: number;
  serviceAccount?: WorkloadServiceAccountInput;
  scheduling?: SchedulingInput;
  pullSecrets?: string[];
  podLabels?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  preStop?: PreStopInput;
  terminationGracePeriodSeconds?: number;
  volumes?: Record<string, VolumeInput>;
}

/** Parses a Secret or ConfigMap reference (`secrets.<id>`, `config`, `secret:<name>`, `configMap:<name>`). */
export type ParseRef = (entry: string) => Omit<SourceRef, 'path'> | undefined;

export function resolvePod(input: PodInput, parseRef: ParseRef): PodModel {
  return {
    ...(input.serviceAccount ? { serviceAccountName: serviceAccountNameOf(input.name, input.serviceAccount) } : {}),
    serviceAccountExternal: input.serviceAccount?.external !== undefined,
    imagePullSecrets: [...(input.pullSecrets ?? [])],
    labels: { ...input.podLabels },
    annotations: { ...input.podAnnotations },
    scheduling: resolveScheduling(input.scheduling ?? {}, input.maxPods),
    ...(input.preStop ? { preStop: resolvePreStop(input.preStop) } : {}),
    ...(input.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: input.terminationGracePeriodSeconds } : {}),
    volumes: Object.keys(input.volumes ?? {})
      .sort()
      .flatMap((name) => resolveVolume(name, input.volumes![name]!, [...input.path, 'volumes', name], parseRef)),
  };
}

const serviceAccountNameOf = (workload: string, account: WorkloadServiceAccountInput): string => account.shared ?? account.external ?? account.name ?? workload;

/** The ServiceAccount a workload renders for itself, if any (not for a shared or external one). */
export function ownServiceAccount(workload: string, path: Path, account: WorkloadServiceAccountInput | undefined): ServiceAccountModel | undefined {
  if (!account || account.shared || account.external) return undefined;
  return { name: account.name ?? workload, annotations: serviceAccountAnnotations(account), owner: workload, path: [...path, 'serviceAccount'] };
}

export function serviceAccountAnnotations(spec: ServiceAccountSpecInput): Record<string, string> {
  return { ...spec.annotations, ...(spec.gcpServiceAccount ? { [ANNOTATION.gcpServiceAccount]: spec.gcpServiceAccount } : {}) };
}

function resolveScheduling(scheduling: SchedulingInput, maxPods: number): ResolvedScheduling {
  // The default spread is soft (ScheduleAnyway), so it never blocks scheduling.
  const fallback = maxPods >= DEFAULTS.spread.minPods ? DEFAULTS.spread.policy : 'none';
  const maxSkew = scheduling.maxSkew ?? DEFAULTS.spread.maxSkew;
  const spread = (
    [
      [ZONE_KEY, scheduling.zoneSpread ?? fallback],
      [NODE_KEY, scheduling.nodeSpread ?? fallback],
    ] as const
  ).flatMap(([topologyKey, policy]): Spread[] => (policy === 'none' ? [] : [{ topologyKey, whenUnsatisfiable: policy, maxSkew }]));
  return {
    spread,
    spreadAsked: [scheduling.zoneSpread, scheduling.nodeSpread].some((policy) => policy !== undefined && policy !== 'none'),
    ...(scheduling.zones ? { zones: [...scheduling.zones] } : {}),
    ...(scheduling.nodeSelector ? { nodeSelector: { ...scheduling.nodeSelector } } : {}),
    ...(scheduling.tolerations ? { tolerations: scheduling.tolerations.map((t) => ({ ...t })) } : {}),
    ...(scheduling.antiAffinity ? { antiAffinity: scheduling.antiAffinity } : {}),
    ...(scheduling.priorityClassName ? { priorityClassName: scheduling.priorityClassName } : {}),
  };
}

function resolvePreStop(preStop: PreStopInput): PreStop | undefined {
  if (preStop.sleepSeconds !== undefined) return { sleepSeconds: preStop.sleepSeconds };
  if (preStop.exec) return { exec: [...preStop.exec] };
  if (preStop.httpGet) return { httpGet: { path: preStop.httpGet.path } };
  return undefined;
}

/** The seconds a preStop hook is known to take (a sleep), for the grace-period rule. */
export const preStopSeconds = (preStop: PreStop | undefined): number => (preStop && 'sleepSeconds' in preStop ? preStop.sleepSeconds : 0);

export const graceSeconds = (pod: PodModel): number => pod.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;

function resolveVolume(name: string, volume: VolumeInput, path: Path, parseRef: ParseRef): PodVolume[] {
  const mount = { name, mountPath: volume.mountPath, ...(volume.subPath !== undefined ? { subPath: volume.subPath } : {}) };
  if (volume.from !== undefined) {
    const ref = parseRef(volume.from);
    if (!ref) return []; // reported by the rules
    return [
      {
        ...mount,
        readOnly: volume.readOnly ?? DEFAULTS.volumeReadOnly.source,
        source: { kind: ref.kind, ref: { ...ref, path: [...path, 'from'] }, ...(volume.items ? { items: { ...volume.items } } : {}) },
      },
    ];
  }
  if (volume.emptyDir) {
    const { sizeLimit, medium } = volume.emptyDir;
    return [
      {
        ...mount,
        readOnly: volume.readOnly ?? DEFAULTS.volumeReadOnly.emptyDir,
        source: { kind: 'emptyDir', ...(sizeLimit !== undefined ? { sizeLimit } : {}), ...(medium ? { medium } : {}) },
      },
    ];
  }
  return [];
}

/** Environment variables in key order (SERVER_MODE, which a pool sets from its mode, is refused in env by the rules). */
export function resolveEnv(env: Record<string, EnvValueInput>, pathOf: (name: string) => Path, parseRef: ParseRef): EnvVar[] {
  return Object.keys(env)
    .sort()
    .flatMap((name): EnvVar[] => {
      const value = env[name]!;
      if (typeof value === 'string') return [{ name, value }];
      // The rules require exactly one of from (with key), field or resource; anything else is left out here.
      if (value.from !== undefined && value.key !== undefined) {
        const ref = parseRef(value.from);
        return ref ? [{ name, from: { ...ref, path: [...pathOf(name), 'from'] }, key: value.key, optional: value.optional ?? false }] : [];
      }
      if (value.field !== undefined) return [{ name, field: value.field }];
      if (value.resource !== undefined) return [{ name, resource: value.resource, ...(value.divisor !== undefined ? { divisor: String(value.divisor) } : {}) }];
      return [];
    });
}

/** Every Secret and ConfigMap the pod reads through env and volumes. */
export function podSources(env: EnvVar[], pod: PodModel): SourceRef[] {
  return [...env.flatMap((v) => ('from' in v ? [v.from] : [])), ...pod.volumes.flatMap((v) => (v.source.kind === 'emptyDir' ? [] : [v.source.ref]))];
}

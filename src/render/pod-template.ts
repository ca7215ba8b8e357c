// The pod template every workload kind shares (Deployment, Job, CronJob), rendered from the model's one Pod shape:
// the container (ports, env, probes, lifecycle), identity, scheduling, volumes and pod metadata. Pod Security
// "restricted" by default, a writable /tmp where the root filesystem is read-only.
import { METRICS_PORT_NAME, PORT_NAME, type Pod, type ProbeHandler, type ProbeTiming } from '../config/model.js';
import { NODE_KEY, ZONE_KEY, type EnvVar, type PodModel, type PodVolume, type Spread } from '../config/pod-model.js';
import { selector } from './meta.js';

const TMP_VOLUME = 'tmp';

export interface PodTemplateOptions {
  /** The kind's own labels (selector included); the pod's extra labels (podLabels) are added to them. */
  labels: Record<string, string>;
  /** Jobs and CronJobs set Never or OnFailure; Deployments leave it to the default (Always). */
  restartPolicy?: string;
}

export function renderPodTemplate(pod: Pod, options: PodTemplateOptions): Record<string, unknown> {
  const annotations = Object.keys(pod.pod.annotations).sort();
  return {
    metadata: {
      labels: { ...options.labels, ...pod.pod.labels },
      ...(annotations.length ? { annotations: Object.fromEntries(annotations.map((key) => [key, pod.pod.annotations[key]!])) } : {}),
    },
    spec: renderPodSpec(pod, options),
  };
}

function renderPodSpec(pod: Pod, options: PodTemplateOptions): Record<string, unknown> {
  const { security } = pod;
  const model = pod.pod;
  const needsTmp = security.readOnlyRootFilesystem && security.writableTmp;
  const volumes = [...(needsTmp ? [{ name: TMP_VOLUME, emptyDir: {} }] : []), ...model.volumes.map(volumeSource)];
  const affinity = renderAffinity(pod);
  return {
    ...(options.restartPolicy ? { restartPolicy: options.restartPolicy } : {}),
    ...(model.serviceAccountName ? { serviceAccountName: model.serviceAccountName } : {}),
    automountServiceAccountToken: security.automountServiceAccountToken,
    ...(model.imagePullSecrets.length ? { imagePullSecrets: model.imagePullSecrets.map((name) => ({ name })) } : {}),
    securityContext: podSecurityContext(pod),
    ...(model.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: model.terminationGracePeriodSeconds } : {}),
    ...(model.scheduling.priorityClassName ? { priorityClassName: model.scheduling.priorityClassName } : {}),
    ...(model.scheduling.nodeSelector ? { nodeSelector: { ...model.scheduling.nodeSelector } } : {}),
    ...(affinity ? { affinity } : {}),
    ...(model.scheduling.tolerations ? { tolerations: model.scheduling.tolerations.map((t) => ({ ...t })) } : {}),
    ...(model.scheduling.spread.length ? { topologySpreadConstraints: model.scheduling.spread.map((s) => spreadConstraint(pod, s)) } : {}),
    containers: [renderContainer(pod, needsTmp)],
    ...(volumes.length ? { volumes } : {}),
  };
}

function renderContainer(pod: Pod, needsTmp: boolean): Record<string, unknown> {
  const { security, probes } = pod;
  const model = pod.pod;
  const mounts = [...(needsTmp ? [{ name: TMP_VOLUME, mountPath: '/tmp' }] : []), ...model.volumes.map(volumeMount)];
  const ports = containerPorts(pod.port, pod.metricsPort);
  return {
    name: pod.name,
    image: pod.image,
    imagePullPolicy: pod.imagePullPolicy,
    ...(pod.command ? { command: [...pod.command] } : {}),
    ...(pod.args ? { args: [...pod.args] } : {}),
    ...(ports.length ? { ports } : {}),
    ...(pod.env.length ? { env: pod.env.map((v) => envVar(pod, v)) } : {}),
    ...(pod.envFrom.length ? { envFrom: pod.envFrom.map(envFromSource) } : {}),
    resources: { requests: { ...pod.resources.requests }, ...(Object.keys(pod.resources.limits).length ? { limits: { ...pod.resources.limits } } : {}) },
    ...(probes?.liveness ? { livenessProbe: probe(pod, probes.handler, probes.liveness) } : {}),
    ...(probes?.readiness ? { readinessProbe: probe(pod, probes.handler, probes.readiness) } : {}),
    ...(probes?.startup ? { startupProbe: probe(pod, probes.handler, probes.startup) } : {}),
    ...(model.preStop ? { lifecycle: { preStop: preStopHandler(model.preStop) } } : {}),
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: security.readOnlyRootFilesystem,
      runAsNonRoot: security.runAsNonRoot,
      capabilities: { drop: ['ALL'] },
    },
    ...(mounts.length ? { volumeMounts: mounts } : {}),
  };
}

/** The http port, and the metrics port where metrics are served apart (a worker without HTTP may have only that). */
function containerPorts(port: number | undefined, metricsPort: number | undefined): Array<Record<string, unknown>> {
  return [
    ...(port !== undefined ? [{ name: PORT_NAME, containerPort: port, protocol: 'TCP' }] : []),
    ...(metricsPort !== undefined ? [{ name: METRICS_PORT_NAME, containerPort: metricsPort, protocol: 'TCP' }] : []),
  ];
}

function podSecurityContext(pod: Pod): Record<string, unknown> {
  const { security } = pod;
  return {
    runAsNonRoot: security.runAsNonRoot,
    ...(security.runAsUser !== undefined ? { runAsUser: security.runAsUser } : {}),
    ...(security.runAsGroup !== undefined ? { runAsGroup: security.runAsGroup } : {}),
    ...(security.fsGroup !== undefined ? { fsGroup: security.fsGroup } : {}),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** HTTP and TCP probes name the port; gRPC needs its number (the API has no named gRPC port). */
function probe(pod: Pod, handler: ProbeHandler, timing: ProbeTiming): Record<string, unknown> {
  switch (handler.kind) {
    case 'http':
      return { httpGet: { path: handler.path, port: PORT_NAME }, ...timing };
    case 'tcp':
      return { tcpSocket: { port: PORT_NAME }, ...timing };
    case 'grpc':
      return { grpc: { port: pod.port, ...(handler.service !== undefined ? { service: handler.service } : {}) }, ...timing };
    case 'exec':
      return { exec: { command: [...handler.command] }, ...timing };
  }
}

function preStopHandler(preStop: NonNullable<PodModel['preStop']>): Record<string, unknown> {
  if ('sleepSeconds' in preStop) return { sleep: { seconds: preStop.sleepSeconds } };
  if ('exec' in preStop) return { exec: { command: [...preStop.exec] } };
  return { httpGet: { path: preStop.httpGet.path, port: PORT_NAME } };
}

function envVar(pod: Pod, v: EnvVar): Record<string, unknown> {
  if ('value' in v) return { name: v.name, value: v.value };
  if ('from' in v) {
    const ref = { name: v.from.name, key: v.key, ...(v.optional ? { optional: true } : {}) };
    return { name: v.name, valueFrom: v.from.kind === 'secret' ? { secretKeyRef: ref } : { configMapKeyRef: ref } };
  }
  if ('field' in v) return { name: v.name, valueFrom: { fieldRef: { fieldPath: v.field } } };
  return {
    name: v.name,
    valueFrom: { resourceFieldRef: { containerName: pod.name, resource: v.resource, ...(v.divisor !== undefined ? { divisor: v.divisor } : {}) } },
  };
}

function envFromSource(source: Pod['envFrom'][number]): Record<string, unknown> {
  return source.kind === 'secret' ? { secretRef: { name: source.name } } : { configMapRef: { name: source.name } };
}

function volumeSource(volume: PodVolume): Record<string, unknown> {
  const { source } = volume;
  if (source.kind === 'emptyDir') {
    return {
      name: volume.name,
      emptyDir: { ...(source.medium ? { medium: source.medium } : {}), ...(source.sizeLimit !== undefined ? { sizeLimit: String(source.sizeLimit) } : {}) },
    };
  }
  const items = source.items
    ? {
        items: Object.keys(source.items)
          .sort()
          .map((key) => ({ key, path: source.items![key]! })),
      }
    : {};
  return source.kind === 'secret'
    ? { name: volume.name, secret: { secretName: source.ref.name, ...items } }
    : { name: volume.name, configMap: { name: source.ref.name, ...items } };
}

const volumeMount = (volume: PodVolume): Record<string, unknown> => ({
  name: volume.name,
  mountPath: volume.mountPath,
  ...(volume.readOnly ? { readOnly: true } : {}),
  ...(volume.subPath !== undefined ? { subPath: volume.subPath } : {}),
});

/**
 * Spread by the pod's own selector; pod-template-hash counts only pods of the same revision, so a
 * rolling update does not skew the new ReplicaSet against the old one.
 */
const spreadConstraint = (pod: Pod, spread: Spread): Record<string, unknown> => ({
  maxSkew: spread.maxSkew,
  topologyKey: spread.topologyKey,
  whenUnsatisfiable: spread.whenUnsatisfiable,
  labelSelector: { matchLabels: selector(pod) },
  matchLabelKeys: ['pod-template-hash'],
});

function renderAffinity(pod: Pod): Record<string, unknown> | undefined {
  const { zones, antiAffinity } = pod.pod.scheduling;
  if (!zones && !antiAffinity) return undefined;
  const term = { labelSelector: { matchLabels: selector(pod) }, topologyKey: NODE_KEY };
  return {
    ...(zones
      ? {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE_KEY, operator: 'In', values: [...zones] }] }],
            },
          },
        }
      : {}),
    ...(antiAffinity === 'required' ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } : {}),
    ...(antiAffinity === 'preferred' ? { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } } : {}),
  };
}

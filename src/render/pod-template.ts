// The pod template every workload kind shares (Deployment, Job, CronJob): one container from the model's pod,
// Pod Security "restricted" by default, a writable /tmp where the root filesystem is read-only.
import { METRICS_PORT_NAME, PORT_NAME, type Pod, type ProbeTiming } from '../config/model.js';

const TMP_VOLUME = 'tmp';

export interface PodTemplateOptions {
  labels: Record<string, string>;
  /** Jobs and CronJobs set Never or OnFailure; Deployments leave it to the default (Always). */
  restartPolicy?: string;
}

export function renderPodTemplate(pod: Pod, options: PodTemplateOptions): Record<string, unknown> {
  const { security } = pod;
  const needsTmp = security.readOnlyRootFilesystem && security.writableTmp;
  return {
    metadata: { labels: options.labels },
    spec: {
      ...(options.restartPolicy ? { restartPolicy: options.restartPolicy } : {}),
      automountServiceAccountToken: security.automountServiceAccountToken,
      securityContext: podSecurityContext(pod),
      ...(pod.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds } : {}),
      containers: [
        {
          name: pod.name,
          image: pod.image,
          imagePullPolicy: pod.imagePullPolicy,
          ...(pod.command ? { command: [...pod.command] } : {}),
          ...(pod.args ? { args: [...pod.args] } : {}),
          ...(pod.port !== undefined ? { ports: containerPorts(pod.port, pod.metricsPort) } : {}),
          ...(pod.env.length ? { env: pod.env.map(({ name, value }) => ({ name, value })) } : {}),
          ...(pod.envFrom.length ? { envFrom: pod.envFrom.map(envFromSource) } : {}),
          resources: { requests: { ...pod.resources.requests }, ...(Object.keys(pod.resources.limits).length ? { limits: { ...pod.resources.limits } } : {}) },
          ...(pod.probes ? probes(pod.probes) : {}),
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: security.readOnlyRootFilesystem,
            runAsNonRoot: security.runAsNonRoot,
            capabilities: { drop: ['ALL'] },
          },
          ...(needsTmp ? { volumeMounts: [{ name: TMP_VOLUME, mountPath: '/tmp' }] } : {}),
        },
      ],
      ...(needsTmp ? { volumes: [{ name: TMP_VOLUME, emptyDir: {} }] } : {}),
    },
  };
}

function containerPorts(port: number, metricsPort: number | undefined): Array<Record<string, unknown>> {
  return [
    { name: PORT_NAME, containerPort: port, protocol: 'TCP' },
    ...(metricsPort !== undefined ? [{ name: METRICS_PORT_NAME, containerPort: metricsPort, protocol: 'TCP' }] : []),
  ];
}

function probes(resolved: NonNullable<Pod['probes']>): Record<string, unknown> {
  return {
    livenessProbe: httpProbe(resolved.path, resolved.liveness),
    readinessProbe: httpProbe(resolved.path, resolved.readiness),
    ...(resolved.startup ? { startupProbe: httpProbe(resolved.path, resolved.startup) } : {}),
  };
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

function httpProbe(path: string, timing: ProbeTiming): Record<string, unknown> {
  return { httpGet: { path, port: PORT_NAME }, ...timing };
}

function envFromSource(source: Pod['envFrom'][number]): Record<string, unknown> {
  return source.kind === 'secret' ? { secretRef: { name: source.name } } : { configMapRef: { name: source.name } };
}

import type { Model, ProbeTiming, Workload } from '../config/model.js';
import { selector, workloadLabels, workloadMeta, type KubeObject } from './meta.js';

const PORT_NAME = 'http';
const TMP_VOLUME = 'tmp';

export function renderDeployment(model: Model, workload: Workload): KubeObject {
  const { security } = workload;
  const needsTmp = security.readOnlyRootFilesystem && security.writableTmp;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: workloadMeta(model, workload, workload.name),
    spec: {
      ...(workload.replicas !== undefined ? { replicas: workload.replicas } : {}),
      selector: { matchLabels: selector(workload) },
      template: {
        metadata: { labels: workloadLabels(model, workload) },
        spec: {
          automountServiceAccountToken: security.automountServiceAccountToken,
          securityContext: podSecurityContext(workload),
          ...(workload.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: workload.terminationGracePeriodSeconds } : {}),
          containers: [
            {
              name: workload.name,
              image: workload.image,
              imagePullPolicy: workload.imagePullPolicy,
              ports: [{ name: PORT_NAME, containerPort: workload.port, protocol: 'TCP' }],
              ...(workload.env.length ? { env: workload.env.map(({ name, value }) => ({ name, value })) } : {}),
              ...(workload.envFrom.length ? { envFrom: workload.envFrom.map(envFromSource) } : {}),
              resources: { requests: { ...workload.resources.requests }, ...(Object.keys(workload.resources.limits).length ? { limits: { ...workload.resources.limits } } : {}) },
              livenessProbe: httpProbe(workload.probes.path, workload.probes.liveness),
              readinessProbe: httpProbe(workload.probes.path, workload.probes.readiness),
              ...(workload.probes.startup ? { startupProbe: httpProbe(workload.probes.path, workload.probes.startup) } : {}),
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
      },
    },
  };
}

function podSecurityContext(workload: Workload): Record<string, unknown> {
  const { security } = workload;
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

function envFromSource(source: Workload['envFrom'][number]): Record<string, unknown> {
  return source.kind === 'secret' ? { secretRef: { name: source.name } } : { configMapRef: { name: source.name } };
}

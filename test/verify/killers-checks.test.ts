// Every branch of the post-render checks, reached through verifyRendered (the entry point the function uses) by a
// rendered set with one thing broken, or one thing changed that must stay accepted. Written for the mutants that
// survived the checks' own tests (docs/verification.md, "Mutation testing"): each case pins the code, the object, the
// field path and the sentence, so a check dropped, inverted, narrowed or reworded fails here.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/render/index.js';
import type { Result } from '../../src/results.js';
import { verifyRendered, type VerifyContext } from '../../src/verify/index.js';
import { checkPatched } from '../../src/verify/patched.js';
import { everyKindConfig } from '../support/apps.js';
import { objectOf, renderedSet } from './support.js';

type Change = (objects: KubeObject[], context: VerifyContext) => void;

/** code, object, field path and sentence of each finding. */
const said = (results: Result[]): string[] =>
  results.map((r) => `${r.tags?.code} ${r.resourceRef?.kind}/${r.resourceRef?.name} ${r.field?.path ?? ''}: ${r.message}`);

function verifyChanged(change: Change): string[] {
  const { objects, context } = renderedSet(everyKindConfig());
  change(objects, context);
  return said(verifyRendered(objects, context));
}

const api = (o: KubeObject[]): any => objectOf(o, 'Deployment', 'api');
const apiPod = (o: KubeObject[]): any => api(o).spec.template.spec;
const apiContainer = (o: KubeObject[]): any => apiPod(o).containers[0];
const extra = (o: KubeObject[], object: Record<string, any>): void => void o.push(object as KubeObject);
const configMap = (metadata: Record<string, unknown>): Record<string, any> => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata });
const PSR = (rule: string): string => `(Pod Security "restricted": ${rule})`;
const T = 'spec.template.spec';
const C = `${T}.containers[0]`;
const SC = `${C}.securityContext`;

/** [what, change, findings]: an empty list means the change must be accepted. */
type Case = [string, Change, string[]];

function table(cases: Case[]): void {
  it.each(cases.map(([what, change, expected]) => ({ what, change, expected })))('$what', ({ change, expected }) => {
    expect(verifyChanged(change)).toEqual(expected);
  });
}

it('names the object a finding is about by its identity, the namespace only where it has one', () => {
  const { objects, context } = renderedSet(everyKindConfig());
  const auth = objectOf(objects, 'TriggerAuthentication', 'worker-redis-auth');
  auth.metadata!.namespace = 'elsewhere';
  const refs = verifyRendered(objects, context).map((r) => r.resourceRef);
  expect(refs).toStrictEqual([
    { apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', name: 'worker-redis-auth', namespace: 'elsewhere' },
    { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'worker-scaler' },
  ]);
});

it('finds nothing in the rendered set with every kind', () => {
  expect(verifyChanged(() => {})).toEqual([]);
});

describe('metadata', () => {
  table([
    [
      'an object of a kind no check covers',
      (o) => extra(o, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'extra' } }),
      ['unknown-kind Secret/extra kind: v1 Secret is not a kind this function emits, so no check covers it'],
    ],
    [
      'a kind the checks know under another group',
      (o) => extra(o, { apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: { name: 'backend-config-prod' } }),
      ['unknown-kind ConfigMap/backend-config-prod kind: example.com/v1 ConfigMap is not a kind this function emits, so no check covers it'],
    ],
    ['an object without a name', (o) => extra(o, configMap({})), ['invalid-name ConfigMap/ metadata.name: is missing']],
    ['an object without metadata at all', (o) => extra(o, { apiVersion: 'v1', kind: 'ConfigMap' }), ['invalid-name ConfigMap/ metadata.name: is missing']],
    ['an object without metadata', (o) => extra(o, { apiVersion: 'v1', kind: 'ConfigMap' }), ['invalid-name ConfigMap/ metadata.name: is missing']],
    ['an empty name', (o) => extra(o, configMap({ name: '' })), ['invalid-name ConfigMap/ metadata.name: is missing']],
    ['a name that is not a string', (o) => extra(o, configMap({ name: 7 })), ['invalid-name ConfigMap/ metadata.name: is missing']],
    ['a ConfigMap name with dots (a DNS subdomain)', (o) => extra(o, configMap({ name: 'a.b' })), []],
    [
      'a Service name with dots (Services are DNS-1035 labels)',
      (o) => extra(o, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a.b' }, spec: { type: 'ExternalName', externalName: 'x.example.com' } }),
      ['invalid-name Service/a.b metadata.name: "a.b" is not a DNS-1035 label (lowercase letters, digits and "-", starting with a letter)'],
    ],
    [
      'an invalid namespace',
      (o) => extra(o, configMap({ name: 'x', namespace: 'Bad_NS' })),
      [
        'invalid-name ConfigMap/x metadata.namespace: "Bad_NS" is not a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit)',
      ],
    ],
    [
      'a namespace that is not a string',
      (o) => extra(o, configMap({ name: 'x', namespace: 5 })),
      ['invalid-name ConfigMap/x metadata.namespace: "5" is not a string'],
    ],
    ['a valid namespace', (o) => extra(o, configMap({ name: 'x', namespace: 'other' })), []],
    [
      'labels that are not a map',
      (o) => extra(o, configMap({ name: 'x', labels: 'a' })),
      ['invalid-label ConfigMap/x metadata.labels: must be a map of strings'],
    ],
    [
      'a label key with two slashes',
      (o) => extra(o, configMap({ name: 'x', labels: { 'a/b/c': 'v' } })),
      [
        'invalid-label ConfigMap/x metadata.labels["a/b/c"]: the label key is a key whose prefix is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")',
      ],
    ],
    [
      'a label value with a space',
      (o) => extra(o, configMap({ name: 'x', labels: { a: 'b c' } })),
      [
        'invalid-label ConfigMap/x metadata.labels.a: the label value "b c" is not a label value (letters, digits, "-", "_" and ".", starting and ending with a letter or digit)',
      ],
    ],
    [
      'a label value that is not a string',
      (o) => extra(o, configMap({ name: 'x', labels: { a: 5 } })),
      ['invalid-label ConfigMap/x metadata.labels.a: the label value 5 is not a string'],
    ],
    [
      'an invalid pod template label',
      (o) => (api(o).spec.template.metadata.labels.extra = 'b c'),
      [
        'invalid-label Deployment/api spec.template.metadata.labels.extra: the label value "b c" is not a label value (letters, digits, "-", "_" and ".", starting and ending with a letter or digit)',
      ],
    ],
    [
      'an invalid label in a Deployment selector',
      (o) => (api(o).spec.selector.matchLabels.app = 'b c'),
      [
        'invalid-label Deployment/api spec.selector.matchLabels.app: the label value "b c" is not a label value (letters, digits, "-", "_" and ".", starting and ending with a letter or digit)',
        'selector Deployment/api spec.selector: does not match the labels of its own pod template (spec.template.metadata.labels)',
      ],
    ],
    [
      'a Deployment selector whose matchLabels is empty',
      (o) => (api(o).spec.selector = { matchLabels: {} }),
      ["selector Deployment/api spec.selector: is missing or empty; it must select this workload's pods"],
    ],
    [
      'an invalid label in a Service selector (a plain map)',
      (o) => (objectOf(o, 'Service', 'backend-service').spec.selector['a/b/c'] = 'api'),
      [
        'invalid-label Service/backend-service spec.selector["a/b/c"]: the label key is a key whose prefix is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")',
        'selector Service/backend-service spec.selector: selects no pods of any generated workload',
        'service-selects-nothing Service/backend-service spec.selector: selects no pods of any generated workload',
      ],
    ],
    [
      'annotations that are not a map',
      (o) => extra(o, configMap({ name: 'x', annotations: [] })),
      ['invalid-annotation ConfigMap/x metadata.annotations: must be a map of strings'],
    ],
    [
      'an annotation key with two slashes',
      (o) => extra(o, configMap({ name: 'x', annotations: { 'a/b/c': 'v' } })),
      [
        'invalid-annotation ConfigMap/x metadata.annotations["a/b/c"]: is a key whose prefix is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")',
      ],
    ],
    [
      'an annotation that is not a string',
      (o) => extra(o, configMap({ name: 'x', annotations: { a: 5 } })),
      ['invalid-annotation ConfigMap/x metadata.annotations.a: is a key whose value is not a string'],
    ],
    ['annotations of exactly 256 KiB', (o) => extra(o, configMap({ name: 'x', annotations: { a: 'v'.repeat(256 * 1024 - 1) } })), []],
    [
      'annotations of 256 KiB and one byte',
      (o) => extra(o, configMap({ name: 'x', annotations: { a: 'v'.repeat(256 * 1024 - 2), b: 'w' } })),
      ['invalid-annotation ConfigMap/x metadata.annotations: take 262145 bytes; the API server allows 256 KiB'],
    ],
    [
      'an invalid container name',
      (o) => (apiContainer(o).name = 'API'),
      [
        'invalid-name Deployment/api spec.template.spec.containers[0].name: "API" is not a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit)',
      ],
    ],
    ['a container without a name', (o) => delete apiContainer(o).name, ['invalid-name Deployment/api spec.template.spec.containers[0].name: "" is missing']],
    [
      'two containers of one name',
      (o) => apiPod(o).containers.push(structuredClone(apiContainer(o))),
      ['duplicate-name Deployment/api spec.template.spec.containers[1].name: "api" is used twice in one pod'],
    ],
    [
      'an init container named like a container',
      (o) => (apiPod(o).initContainers = [structuredClone(apiContainer(o))]),
      ['duplicate-name Deployment/api spec.template.spec.containers[0].name: "api" is used twice in one pod'],
    ],
    [
      'two ports of one name in a container',
      (o) => apiContainer(o).ports.push({ name: 'http', containerPort: 8081 }),
      ['duplicate-name Deployment/api spec.template.spec.containers[0].ports[1].name: "http" is used twice in one pod'],
    ],
    ['a port without a name', (o) => apiContainer(o).ports.push({ containerPort: 8081 }), []],
    [
      'an invalid volume name',
      (o) => (apiPod(o).volumes[0].name = 'Tmp'),
      [
        'invalid-name Deployment/api spec.template.spec.volumes[0].name: "Tmp" is not a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit)',
      ],
    ],
    [
      'two volumes of one name',
      (o) => apiPod(o).volumes.push({ name: 'tmp', emptyDir: {} }),
      ['duplicate-name Deployment/api spec.template.spec.volumes[1].name: "tmp" is used twice in one pod'],
    ],
    [
      'the same object twice',
      (o) => extra(o, structuredClone(objectOf(o, 'ConfigMap', 'backend-config-prod'))),
      ['duplicate-object ConfigMap/backend-config-prod metadata.name: ConfigMap/backend-config-prod is generated twice'],
    ],
    ['one name in another namespace', (o) => extra(o, configMap({ name: 'backend-config-prod', namespace: 'other' })), []],
    ['one name for another kind', (o) => extra(o, configMap({ name: 'api' })), []],
    [
      'an HPA metric name with a slash, and a metric selector with an invalid label',
      (o) =>
        (objectOf(o, 'HorizontalPodAutoscaler', 'api-hpa').spec.metrics[0] = {
          type: 'Pods',
          pods: { metric: { name: 'a/b', selector: { matchLabels: { k: 'b c' } } }, target: { type: 'AverageValue', averageValue: '1' } },
        }),
      [
        'invalid-label HorizontalPodAutoscaler/api-hpa spec.metrics[0].pods.metric.selector.matchLabels.k: the label value "b c" is not a label value (letters, digits, "-", "_" and ".", starting and ending with a letter or digit)',
        'invalid-name HorizontalPodAutoscaler/api-hpa spec.metrics[0].pods.metric.name: "a/b" is not a metric name (no "/", "%" or control characters, not "." or "..")',
      ],
    ],
    [
      'an HPA metric name that is not a string',
      (o) =>
        (objectOf(o, 'HorizontalPodAutoscaler', 'api-hpa').spec.metrics[0] = {
          type: 'External',
          external: { metric: { name: 5 }, target: { type: 'Value', value: '1' } },
        }),
      ['invalid-name HorizontalPodAutoscaler/api-hpa spec.metrics[0].external.metric.name: 5 is not a string'],
    ],
    ['an HPA metric without a type', (o) => (objectOf(o, 'HorizontalPodAutoscaler', 'api-hpa').spec.metrics[0] = { object: { metric: { name: 'a/b' } } }), []],
  ]);
});

describe('pod security', () => {
  table([
    [
      'a Windows host process in the pod',
      (o) => (apiPod(o).securityContext.windowsOptions = { hostProcess: true }),
      [`pod-security/host-process Deployment/api ${T}.securityContext.windowsOptions.hostProcess: must be false or unset ${PSR('host-process')}`],
    ],
    ['hostProcess false', (o) => (apiPod(o).securityContext.windowsOptions = { hostProcess: false }), []],
    ['hostNetwork false', (o) => (apiPod(o).hostNetwork = false), []],
    [
      'an Unconfined seccomp profile in the pod',
      (o) => (apiPod(o).securityContext.seccompProfile.type = 'Unconfined'),
      [`pod-security/seccomp Deployment/api ${T}.securityContext.seccompProfile.type: must be RuntimeDefault or Localhost, not Unconfined ${PSR('seccomp')}`],
    ],
    ['a Localhost seccomp profile', (o) => (apiPod(o).securityContext.seccompProfile.type = 'Localhost'), []],
    [
      'no seccomp profile in the pod or the container',
      (o) => delete apiPod(o).securityContext.seccompProfile,
      [
        `pod-security/seccomp Deployment/api ${SC}.seccompProfile.type: must be set (RuntimeDefault or Localhost), here or in the pod securityContext ${PSR('seccomp')}`,
      ],
    ],
    [
      'a seccomp profile in the container only',
      (o) => {
        delete apiPod(o).securityContext.seccompProfile;
        apiContainer(o).securityContext.seccompProfile = { type: 'RuntimeDefault' };
      },
      [],
    ],
    [
      'an Unconfined AppArmor profile in a container',
      (o) => (apiContainer(o).securityContext.appArmorProfile = { type: 'Unconfined' }),
      [`pod-security/app-armor Deployment/api ${SC}.appArmorProfile.type: must be RuntimeDefault or Localhost, not Unconfined ${PSR('app-armor')}`],
    ],
    ['a RuntimeDefault AppArmor profile', (o) => (apiContainer(o).securityContext.appArmorProfile = { type: 'RuntimeDefault' }), []],
    [
      'SELinux: a type, a user and a role',
      (o) => (apiPod(o).securityContext.seLinuxOptions = { type: 'spc_t', user: 'u', role: 'r', level: 's0' }),
      [
        `pod-security/selinux Deployment/api ${T}.securityContext.seLinuxOptions.type: spc_t is not an allowed SELinux type ${PSR('selinux')}`,
        `pod-security/selinux Deployment/api ${T}.securityContext.seLinuxOptions.user: must be unset ${PSR('selinux')}`,
        `pod-security/selinux Deployment/api ${T}.securityContext.seLinuxOptions.role: must be unset ${PSR('selinux')}`,
      ],
    ],
    [
      'SELinux: an allowed type, empty user and role',
      (o) => (apiContainer(o).securityContext.seLinuxOptions = { type: 'container_t', user: '', role: '' }),
      [],
    ],
    [
      'an unsafe sysctl',
      (o) =>
        (apiPod(o).securityContext.sysctls = [
          { name: 'net.ipv4.tcp_syncookies', value: '1' },
          { name: 'kernel.msgmax', value: '1' },
        ]),
      [`pod-security/sysctls Deployment/api ${T}.securityContext.sysctls[1].name: kernel.msgmax is not a safe sysctl ${PSR('sysctls')}`],
    ],
    [
      'a privileged container',
      (o) => (apiContainer(o).securityContext.privileged = true),
      [`pod-security/privileged Deployment/api ${SC}.privileged: must be false or unset ${PSR('privileged')}`],
    ],
    ['privileged false', (o) => (apiContainer(o).securityContext.privileged = false), []],
    [
      'an unmasked /proc',
      (o) => (apiContainer(o).securityContext.procMount = 'Unmasked'),
      [`pod-security/proc-mount Deployment/api ${SC}.procMount: must be Default or unset ${PSR('proc-mount')}`],
    ],
    ['the default /proc', (o) => (apiContainer(o).securityContext.procMount = 'Default'), []],
    [
      'allowPrivilegeEscalation unset',
      (o) => delete apiContainer(o).securityContext.allowPrivilegeEscalation,
      [`pod-security/privilege-escalation Deployment/api ${SC}.allowPrivilegeEscalation: must be false ${PSR('privilege-escalation')}`],
    ],
    [
      'runAsNonRoot false in the container, true in the pod',
      (o) => (apiContainer(o).securityContext.runAsNonRoot = false),
      [`pod-security/run-as-non-root Deployment/api ${SC}.runAsNonRoot: must be true here or in the pod securityContext ${PSR('run-as-non-root')}`],
    ],
    ['runAsNonRoot only in the pod', (o) => delete apiContainer(o).securityContext.runAsNonRoot, []],
    ['runAsNonRoot only in the container', (o) => delete apiPod(o).securityContext.runAsNonRoot, []],
    [
      'runAsNonRoot nowhere',
      (o) => {
        delete apiPod(o).securityContext.runAsNonRoot;
        delete apiContainer(o).securityContext.runAsNonRoot;
      },
      [`pod-security/run-as-non-root Deployment/api ${SC}.runAsNonRoot: must be true here or in the pod securityContext ${PSR('run-as-non-root')}`],
    ],
    [
      'runAsUser 0 in a container',
      (o) => (apiContainer(o).securityContext.runAsUser = 0),
      [`pod-security/run-as-user Deployment/api ${SC}.runAsUser: must not be 0 (root) ${PSR('run-as-user')}`],
    ],
    ['runAsUser 1000', (o) => (apiContainer(o).securityContext.runAsUser = 1000), []],
    [
      'no capabilities dropped',
      (o) => delete apiContainer(o).securityContext.capabilities,
      [`pod-security/capabilities Deployment/api ${SC}.capabilities.drop: must include ALL ${PSR('capabilities')}`],
    ],
    [
      'capabilities dropped, but not ALL',
      (o) => (apiContainer(o).securityContext.capabilities.drop = ['NET_RAW']),
      [`pod-security/capabilities Deployment/api ${SC}.capabilities.drop: must include ALL ${PSR('capabilities')}`],
    ],
    [
      'capabilities added: one allowed, one Baseline, one beyond',
      (o) => (apiContainer(o).securityContext.capabilities.add = ['NET_BIND_SERVICE', 'CHOWN', 'SYS_ADMIN']),
      [
        `pod-security/capabilities Deployment/api ${SC}.capabilities.add[1]: CHOWN: only NET_BIND_SERVICE may be added ${PSR('capabilities')}`,
        `pod-security/capabilities Deployment/api ${SC}.capabilities.add[2]: SYS_ADMIN: is not even allowed by Baseline ${PSR('capabilities')}`,
      ],
    ],
    [
      'a writable root filesystem',
      (o) => delete apiContainer(o).securityContext.readOnlyRootFilesystem,
      [`pod-security/read-only-root-filesystem Deployment/api ${SC}.readOnlyRootFilesystem: must be true ${PSR('read-only-root-filesystem')}`],
    ],
    [
      'a host port',
      (o) => (apiContainer(o).ports[0].hostPort = 8080),
      [`pod-security/host-ports Deployment/api ${C}.ports[0].hostPort: must be 0 or unset ${PSR('host-ports')}`],
    ],
    ['host port 0', (o) => (apiContainer(o).ports[0].hostPort = 0), []],
    [
      'probes and hooks that target another host',
      (o) => {
        apiContainer(o).livenessProbe.httpGet.host = 'example.com';
        apiContainer(o).startupProbe = { tcpSocket: { port: 8080, host: '10.0.0.1' } };
        apiContainer(o).lifecycle = { preStop: { httpGet: { path: '/', port: 8080, host: 'example.com' } }, postStart: { tcpSocket: { port: 1, host: '' } } };
      },
      [
        `pod-security/host-probes Deployment/api ${C}.livenessProbe.httpGet.host: must be unset; probes and hooks target the pod itself ${PSR('host-probes')}`,
        `pod-security/host-probes Deployment/api ${C}.startupProbe.tcpSocket.host: must be unset; probes and hooks target the pod itself ${PSR('host-probes')}`,
        `pod-security/host-probes Deployment/api ${C}.lifecycle.preStop.httpGet.host: must be unset; probes and hooks target the pod itself ${PSR('host-probes')}`,
      ],
    ],
    [
      'a hostPath volume',
      (o) => (apiPod(o).volumes[0] = { name: 'tmp', hostPath: { path: '/tmp' } }),
      [`pod-security/host-path-volumes Deployment/api ${T}.volumes[0].hostPath: hostPath volumes are forbidden ${PSR('host-path-volumes')}`],
    ],
    [
      'a volume type beyond the restricted ones, and a null source',
      (o) => apiPod(o).volumes.push({ name: 'nfs', nfs: { server: 'x', path: '/' } }, { name: 'null', secret: null }),
      [
        `pod-security/volume-types Deployment/api ${T}.volumes[1]: volume type is not one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret ${PSR('volume-types')}`,
        `pod-security/volume-types Deployment/api ${T}.volumes[2]: volume type is not one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret ${PSR('volume-types')}`,
      ],
    ],
    [
      'AppArmor annotations on the pod template',
      (o) =>
        (api(o).spec.template.metadata.annotations = {
          'container.apparmor.security.beta.kubernetes.io/api': 'unconfined',
          'container.apparmor.security.beta.kubernetes.io/b': 'runtime/default',
          'container.apparmor.security.beta.kubernetes.io/c': 'localhost/profile',
          'example.com/other': 'unconfined',
        }),
      [
        `pod-security/app-armor Deployment/api spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/api"]: unconfined is not runtime/default or localhost/* ${PSR('app-armor')}`,
      ],
    ],
    [
      'the service-account token mounted by default',
      (o) => delete apiPod(o).automountServiceAccountToken,
      [
        `pod-security/automount-token Deployment/api ${T}.automountServiceAccountToken: must be false; the pod does not call the Kubernetes API ${PSR('automount-token')}`,
      ],
    ],
    [
      'a waiver of one workload does not cover another',
      (o, context) => {
        (context.waivers as Map<string, Set<string>>).set('worker', new Set(['privileged']));
        apiContainer(o).securityContext.privileged = true;
      },
      [`pod-security/privileged Deployment/api ${SC}.privileged: must be false or unset ${PSR('privileged')}`],
    ],
  ]);
});

describe('references', () => {
  const backendService = (o: KubeObject[]): any => objectOf(o, 'Service', 'backend-service');
  const ingress = (o: KubeObject[]): any => objectOf(o, 'Ingress', 'demo-ingress');
  const hpa = (o: KubeObject[]): any => objectOf(o, 'HorizontalPodAutoscaler', 'api-hpa');
  const pdb = (o: KubeObject[]): any => objectOf(o, 'PodDisruptionBudget', 'api-pdb');
  const NEITHER = 'is neither generated nor declared as made elsewhere (secret:<name> / configMap:<name>)';
  table([
    [
      'an ExternalName Service, which selects nothing',
      (o) => (backendService(o).spec = { type: 'ExternalName', externalName: 'api.example.com', ports: [{ name: 'http', port: 8080 }] }),
      [],
    ],
    ['a Service port without a targetPort, which is the port', (o) => delete backendService(o).spec.ports[0].targetPort, []],
    [
      'a Service port declared by the second container of the pod only',
      (o) => {
        const sidecar = { ...structuredClone(apiContainer(o)), name: 'sidecar' };
        for (const field of ['ports', 'livenessProbe', 'readinessProbe', 'startupProbe']) delete sidecar[field];
        apiPod(o).containers.unshift(sidecar);
      },
      [],
    ],
    [
      'a Service port that is the second port of its container',
      (o) => apiContainer(o).ports.unshift({ name: 'debug', containerPort: 9999, protocol: 'TCP' }),
      [],
    ],
    [
      "a disruption budget on a workload KEDA scales: the Deployment's replicas, not a ScaledObject, give its lowest count",
      (o) => {
        const worker = objectOf(o, 'Deployment', 'worker') as any;
        worker.spec.replicas = 3;
        const budget = structuredClone(pdb(o));
        budget.metadata.name = 'worker-pdb';
        budget.spec = { minAvailable: 1, selector: { matchLabels: { ...worker.spec.selector.matchLabels } } };
        extra(o, budget);
      },
      [],
    ],
    [
      'a disruption budget that also requires a label its pods lack to be absent',
      (o) => (pdb(o).spec.selector.matchExpressions = [{ key: 'absent', operator: 'DoesNotExist' }]),
      [],
    ],
    [
      'a disruption budget selector with an operator Kubernetes does not have',
      (o) => (pdb(o).spec.selector.matchExpressions = [{ key: 'absent', operator: 'Absent' }]),
      ['selector PodDisruptionBudget/api-pdb spec.selector: selects no pods of any generated workload'],
    ],
    [
      'a Service port number no container declares',
      (o) => (backendService(o).spec.ports[0].targetPort = 9999),
      ['service-target-port Service/backend-service spec.ports[0].targetPort: 9999/TCP is not a container port of Deployment/api'],
    ],
    [
      'a Service port of another protocol',
      (o) => (backendService(o).spec.ports[0].protocol = 'UDP'),
      ['service-target-port Service/backend-service spec.ports[0].targetPort: "http"/UDP is not a container port of Deployment/api'],
    ],
    [
      'a Service that selects pods in another namespace only',
      (o) => (backendService(o).metadata.namespace = 'other'),
      // The selector check and the reference check both report it, and what referred to the Service in its namespace.
      [
        'selector Service/backend-service spec.selector: selects no pods of any generated workload',
        'service-selects-nothing Service/backend-service spec.selector: selects no pods of any generated workload',
        'ingress-backend Ingress/demo-ingress spec.rules[0].http.paths[0].backend.service.name: Service "backend-service" is not generated',
        'selector ServiceMonitor/api-metrics spec.selector: selects no generated Service, or more than one',
      ],
    ],
    [
      'an Ingress default backend that names no Service',
      (o) => (ingress(o).spec.defaultBackend = { resource: { kind: 'Bucket', name: 'b' } }),
      ['ingress-backend Ingress/demo-ingress spec.defaultBackend: names no Service'],
    ],
    [
      'an Ingress default backend to a Service not generated',
      (o) => (ingress(o).spec.defaultBackend = { service: { name: 'gone', port: { number: 80 } } }),
      ['ingress-backend Ingress/demo-ingress spec.defaultBackend.service.name: Service "gone" is not generated'],
    ],
    ['an Ingress default backend by port name', (o) => (ingress(o).spec.defaultBackend = { service: { name: 'backend-service', port: { name: 'http' } } }), []],
    [
      'an Ingress backend port number the Service lacks',
      (o) => (ingress(o).spec.rules[0].http.paths[0].backend.service.port = { number: 9999 }),
      ['ingress-backend Ingress/demo-ingress spec.rules[0].http.paths[0].backend.service.port: 9999 is not a port of Service "backend-service"'],
    ],
    [
      'an Ingress backend port name the Service lacks',
      (o) => (ingress(o).spec.rules[1].http.paths[0].backend.service.port = { name: 'grpc' }),
      ['ingress-backend Ingress/demo-ingress spec.rules[1].http.paths[0].backend.service.port: "grpc" is not a port of Service "frontend-service"'],
    ],
    [
      'an Ingress backend to a Service of another namespace',
      (o) => (objectOf(o, 'Service', 'frontend-service').metadata.namespace = 'other'),
      [
        'selector Service/frontend-service spec.selector: selects no pods of any generated workload',
        'service-selects-nothing Service/frontend-service spec.selector: selects no pods of any generated workload',
        'ingress-backend Ingress/demo-ingress spec.rules[1].http.paths[0].backend.service.name: Service "frontend-service" is not generated',
      ],
    ],
    [
      'a Prefix path left out',
      (o) => delete ingress(o).spec.rules[0].http.paths[0].path,
      ['ingress-path Ingress/demo-ingress spec.rules[0].http.paths[0].path: is required for pathType Prefix'],
    ],
    [
      'an ImplementationSpecific path left out',
      (o) => {
        delete ingress(o).spec.rules[0].http.paths[0].path;
        ingress(o).spec.rules[0].http.paths[0].pathType = 'ImplementationSpecific';
      },
      [],
    ],
    [
      'a relative path, and a path that is not a string',
      (o) => {
        ingress(o).spec.rules[0].http.paths[0].path = 'api';
        ingress(o).spec.rules[1].http.paths[0].path = 5;
      },
      [
        'ingress-path Ingress/demo-ingress spec.rules[0].http.paths[0].path: "api" must be an absolute path (start with "/")',
        'ingress-path Ingress/demo-ingress spec.rules[1].http.paths[0].path: 5 must be a string',
      ],
    ],
    [
      'a Secret and a ConfigMap read through env, one optional',
      (o) =>
        apiContainer(o).env.push(
          { name: 'A', valueFrom: { secretKeyRef: { name: 'gone', key: 'k' } } },
          { name: 'B', valueFrom: { configMapKeyRef: { name: 'gone-too', key: 'k' } } },
          { name: 'C', valueFrom: { secretKeyRef: { name: 'optional', key: 'k', optional: true } } },
        ),
      [
        `unresolved-reference Deployment/api ${C}.env[2].valueFrom.secretKeyRef.name: Secret "gone" ${NEITHER}`,
        `unresolved-reference Deployment/api ${C}.env[3].valueFrom.configMapKeyRef.name: ConfigMap "gone-too" ${NEITHER}`,
      ],
    ],
    [
      'a reference name that is not a name, or none',
      (o) => {
        apiContainer(o).envFrom[0].secretRef.name = 'Bad_Name';
        delete apiContainer(o).envFrom[2].configMapRef.name;
      },
      [
        `invalid-reference Deployment/api ${C}.envFrom[0].secretRef.name: Secret name "Bad_Name" is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")`,
        `invalid-reference Deployment/api ${C}.envFrom[2].configMapRef.name: ConfigMap name "" is missing`,
      ],
    ],
    [
      'Secrets and ConfigMaps read through volumes and projected volumes',
      (o) =>
        apiPod(o).volumes.push(
          { name: 'a', secret: { secretName: 'gone' } },
          { name: 'b', configMap: { name: 'backend-config-prod' } },
          { name: 'c', projected: { sources: [{ secret: { name: 'backend' } }, { configMap: { name: 'gone' } }, { secret: { name: 'gone' } }] } },
        ),
      [
        `unresolved-reference Deployment/api ${T}.volumes[1].secret.secretName: Secret "gone" ${NEITHER}`,
        `unresolved-reference Deployment/api ${T}.volumes[3].projected.sources[1].configMap.name: ConfigMap "gone" ${NEITHER}`,
        `unresolved-reference Deployment/api ${T}.volumes[3].projected.sources[2].secret.name: Secret "gone" ${NEITHER}`,
      ],
    ],
    [
      "an ExternalSecret makes the Secret its target names (else its own name's)",
      (o) => {
        extra(o, { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'es-a' }, spec: { target: { name: 'made-by-a' } } });
        extra(o, { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'es-b' }, spec: {} });
        apiContainer(o).envFrom.push({ secretRef: { name: 'made-by-a' } }, { secretRef: { name: 'es-b' } }, { secretRef: { name: 'es-a' } });
      },
      [`unresolved-reference Deployment/api ${C}.envFrom[5].secretRef.name: Secret "es-a" ${NEITHER}`],
    ],
    [
      'a Secret or ConfigMap made in another namespace, or by an unknown kind',
      (o) => {
        extra(o, configMap({ name: 'elsewhere', namespace: 'other' }));
        extra(o, { apiVersion: 'example.com/v1', kind: 'ExternalSecret', metadata: { name: 'foreign' } });
        apiContainer(o).envFrom.push({ configMapRef: { name: 'elsewhere' } }, { secretRef: { name: 'foreign' } });
      },
      [
        'unknown-kind ExternalSecret/foreign kind: example.com/v1 ExternalSecret is not a kind this function emits, so no check covers it',
        `unresolved-reference Deployment/api ${C}.envFrom[3].configMapRef.name: ConfigMap "elsewhere" ${NEITHER}`,
        `unresolved-reference Deployment/api ${C}.envFrom[4].secretRef.name: Secret "foreign" ${NEITHER}`,
      ],
    ],
    [
      'a Secret declared as made elsewhere is no ConfigMap',
      (o, context) => {
        (context.provided.secrets as Set<string>).add('shared');
        apiContainer(o).envFrom.push({ secretRef: { name: 'shared' } }, { configMapRef: { name: 'shared' } });
      },
      [`unresolved-reference Deployment/api ${C}.envFrom[4].configMapRef.name: ConfigMap "shared" ${NEITHER}`],
    ],
    [
      'a TriggerAuthentication reading a Secret not generated, or no name',
      (o) =>
        objectOf(o, 'TriggerAuthentication', 'worker-redis-auth').spec.secretTargetRef.push(
          { parameter: 'a', name: 'gone', key: 'k' },
          { parameter: 'b', name: 'Bad_Name', key: 'k' },
          { parameter: 'c', key: 'k' },
        ),
      [
        'unresolved-reference TriggerAuthentication/worker-redis-auth spec.secretTargetRef[1].name: Secret "gone" is neither generated nor declared as made elsewhere',
        'invalid-reference TriggerAuthentication/worker-redis-auth spec.secretTargetRef[2].name: Secret name "Bad_Name" is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")',
        'invalid-reference TriggerAuthentication/worker-redis-auth spec.secretTargetRef[3].name: Secret name "" is missing',
      ],
    ],
    [
      'a TriggerAuthentication reading a Secret declared as made elsewhere',
      (o, context) => {
        (context.provided.secrets as Set<string>).add('redis');
        objectOf(o, 'TriggerAuthentication', 'worker-redis-auth').spec.secretTargetRef[0].name = 'redis';
      },
      [],
    ],
    [
      'a TriggerAuthentication in a namespace without the Secret',
      (o) => {
        const auth = structuredClone(objectOf(o, 'TriggerAuthentication', 'worker-redis-auth'));
        auth.metadata.namespace = 'other';
        extra(o, auth);
      },
      [
        'unresolved-reference TriggerAuthentication/worker-redis-auth spec.secretTargetRef[0].name: Secret "backend" is neither generated nor declared as made elsewhere',
      ],
    ],
    [
      'an HPA without a target',
      (o) => delete hpa(o).spec.scaleTargetRef,
      [
        'hpa-target HorizontalPodAutoscaler/api-hpa spec.scaleTargetRef: its target is not generated',
        'pdb-blocks-drain PodDisruptionBudget/api-pdb spec.minAvailable: minAvailable 50% at 1 replica of Deployment/api allows no voluntary eviction',
      ],
    ],
    [
      'an HPA that scales a kind without pods',
      (o) => (hpa(o).spec.scaleTargetRef = { apiVersion: 'v1', kind: 'Service', name: 'backend-service' }),
      [
        'hpa-target HorizontalPodAutoscaler/api-hpa spec.scaleTargetRef: Service has no pods to scale',
        'pdb-blocks-drain PodDisruptionBudget/api-pdb spec.minAvailable: minAvailable 50% at 1 replica of Deployment/api allows no voluntary eviction',
      ],
    ],
    [
      'an HPA that scales a workload of another API version',
      (o) => (hpa(o).spec.scaleTargetRef.apiVersion = 'apps/v1beta1'),
      [
        'hpa-target HorizontalPodAutoscaler/api-hpa spec.scaleTargetRef: Deployment/api (apps/v1beta1) is not generated',
        'pdb-blocks-drain PodDisruptionBudget/api-pdb spec.minAvailable: minAvailable 50% at 1 replica of Deployment/api allows no voluntary eviction',
      ],
    ],
    [
      'an HPA whose minimum is above its maximum',
      (o) => (hpa(o).spec.minReplicas = 7),
      ['hpa-bounds HorizontalPodAutoscaler/api-hpa spec.minReplicas: minReplicas 7 is above maxReplicas 6'],
    ],
    [
      'an HPA whose maximum is not a number',
      (o) => (hpa(o).spec.maxReplicas = '6'),
      ['hpa-bounds HorizontalPodAutoscaler/api-hpa spec.minReplicas: minReplicas and maxReplicas must be numbers'],
    ],
    [
      'an HPA without a minimum (1) under a budget of 50%',
      (o) => delete hpa(o).spec.minReplicas,
      ['pdb-blocks-drain PodDisruptionBudget/api-pdb spec.minAvailable: minAvailable 50% at 1 replica of Deployment/api allows no voluntary eviction'],
    ],
    [
      'an HPA whose minimum is 0 (no budget blocks a drain at 0)',
      (o) => (hpa(o).spec.minReplicas = 0),
      ['hpa-bounds HorizontalPodAutoscaler/api-hpa spec.minReplicas: minReplicas 0 is below 1'],
    ],
    [
      'a budget with both bounds, or neither',
      (o) => {
        pdb(o).spec.maxUnavailable = 1;
        const other = structuredClone(pdb(o));
        other.metadata.name = 'api-pdb-2';
        delete other.spec.minAvailable;
        delete other.spec.maxUnavailable;
        extra(o, other);
      },
      [
        'pdb-bounds PodDisruptionBudget/api-pdb spec: needs exactly one of minAvailable or maxUnavailable',
        'pdb-bounds PodDisruptionBudget/api-pdb-2 spec: needs exactly one of minAvailable or maxUnavailable',
      ],
    ],
    [
      'a budget bound that is no whole number or percentage',
      (o) => (pdb(o).spec.minAvailable = 1.5),
      ['pdb-bounds PodDisruptionBudget/api-pdb spec.minAvailable: 1.5 is neither a whole number nor a percentage from 0% to 100%'],
    ],
    [
      'a negative budget bound',
      (o) => {
        delete pdb(o).spec.minAvailable;
        pdb(o).spec.maxUnavailable = -1;
      },
      ['pdb-bounds PodDisruptionBudget/api-pdb spec.maxUnavailable: -1 is neither a whole number nor a percentage from 0% to 100%'],
    ],
    [
      'a budget percentage above 100%',
      (o) => (pdb(o).spec.minAvailable = '150%'),
      ['pdb-bounds PodDisruptionBudget/api-pdb spec.minAvailable: "150%" is neither a whole number nor a percentage from 0% to 100%'],
    ],
    [
      'a budget bound of the wrong type',
      (o) => (pdb(o).spec.minAvailable = true),
      ['pdb-bounds PodDisruptionBudget/api-pdb spec.minAvailable: true is neither a whole number nor a percentage from 0% to 100%'],
    ],
    [
      'a budget that keeps every pod at the lowest count',
      (o) => {
        delete pdb(o).spec.minAvailable;
        pdb(o).spec.maxUnavailable = 0;
      },
      ['pdb-blocks-drain PodDisruptionBudget/api-pdb spec.maxUnavailable: maxUnavailable 0 at 2 replicas of Deployment/api allows no voluntary eviction'],
    ],
    ['a budget that allows one eviction at the lowest count', (o) => (pdb(o).spec.minAvailable = 1), []],
    [
      'a budget over a workload no HPA scales: its replicas count',
      (o) => {
        const cut = o.indexOf(hpa(o));
        o.splice(cut, 1);
        api(o).spec.replicas = 3;
        pdb(o).spec.minAvailable = 3;
      },
      ['pdb-blocks-drain PodDisruptionBudget/api-pdb spec.minAvailable: minAvailable 3 at 3 replicas of Deployment/api allows no voluntary eviction'],
    ],
    [
      'a budget over a workload no HPA scales, without replicas (1)',
      (o) => {
        o.splice(o.indexOf(hpa(o)), 1);
        delete api(o).spec.replicas;
      },
      ['pdb-blocks-drain PodDisruptionBudget/api-pdb spec.minAvailable: minAvailable 50% at 1 replica of Deployment/api allows no voluntary eviction'],
    ],
    [
      'a budget over a workload scaled to 0',
      (o) => {
        o.splice(o.indexOf(hpa(o)), 1);
        api(o).spec.replicas = 0;
      },
      [],
    ],
    [
      'a budget accepted for its workload',
      (o, context) => {
        (context.blockingBudgetAccepted as Set<string>).add('api');
        pdb(o).spec.minAvailable = '100%';
      },
      [],
    ],
  ]);
});

describe('jobs, scaling and monitors', () => {
  const cron = (o: KubeObject[]): any => objectOf(o, 'CronJob', 'purge');
  const scaled = (o: KubeObject[]): any => objectOf(o, 'ScaledObject', 'worker-scaler');
  const egress = (o: KubeObject[]): any => objectOf(o, 'NetworkPolicy', 'worker-policy').spec.egress;
  const DNS = 'port 53, so the pods could not resolve names';
  table([
    ['a Job pod that restarts OnFailure', (o) => (objectOf(o, 'Job', 'demo-migrate').spec.template.spec.restartPolicy = 'OnFailure'), []],
    [
      'a Job pod that restarts Always',
      (o) => (objectOf(o, 'Job', 'demo-migrate').spec.template.spec.restartPolicy = 'Always'),
      ['job-restart-policy Job/demo-migrate spec.template.spec.restartPolicy: "Always" must be Never or OnFailure for a Job\'s pod'],
    ],
    [
      'a CronJob pod without a restart policy',
      (o) => delete cron(o).spec.jobTemplate.spec.template.spec.restartPolicy,
      ["job-restart-policy CronJob/purge spec.jobTemplate.spec.template.spec.restartPolicy: null must be Never or OnFailure for a Job's pod"],
    ],
    ['a CronJob name of 52 characters', (o) => (cron(o).metadata.name = 'p'.repeat(52)), []],
    [
      'a CronJob name of 53 characters',
      (o) => (cron(o).metadata.name = 'p'.repeat(53)),
      [`invalid-name CronJob/${'p'.repeat(53)} metadata.name: is longer than 52 characters`],
    ],
    [
      'a CronJob without a schedule, or a blank one',
      (o) => {
        delete cron(o).spec.schedule;
        const other = structuredClone(cron(o));
        other.metadata.name = 'purge-2';
        other.spec.schedule = ' ';
        extra(o, other);
      },
      ['cron-schedule CronJob/purge spec.schedule: is missing', 'cron-schedule CronJob/purge-2 spec.schedule: is missing'],
    ],
    ['egress to DNS without ports (every port)', (o) => (egress(o)[0] = { to: egress(o)[0].to }), []],
    ['egress to DNS with an empty port list (every port)', (o) => (egress(o)[0].ports = []), []],
    [
      'egress to DNS through port ranges and a port-less entry',
      (o) => (egress(o)[0].ports = [{ protocol: 'UDP', port: 50, endPort: 60 }, { protocol: 'TCP' }]),
      [],
    ],
    [
      'egress to DNS on a range that ends at 53 (and TCP by default)',
      (o) => (egress(o)[0].ports = [{ protocol: 'UDP', port: 53, endPort: 53 }, { port: 53 }]),
      [],
    ],
    [
      'egress on a range that ends below 53',
      (o) =>
        (egress(o)[0].ports = [
          { protocol: 'UDP', port: 40, endPort: 52 },
          { protocol: 'TCP', port: 54, endPort: 60 },
        ]),
      [`egress-blocks-dns NetworkPolicy/worker-policy spec.egress: denies UDP and TCP ${DNS}`],
    ],
    [
      'egress to DNS on ranges from below 53 that end at 53',
      (o) =>
        (egress(o)[0].ports = [
          { protocol: 'UDP', port: 50, endPort: 53 },
          { protocol: 'TCP', port: 40, endPort: 53 },
        ]),
      [],
    ],
    [
      'egress on UDP 53 only',
      (o) => (egress(o)[0].ports = [{ protocol: 'UDP', port: 53 }]),
      [`egress-blocks-dns NetworkPolicy/worker-policy spec.egress: denies TCP ${DNS}`],
    ],
    [
      'egress with no rule at all',
      (o) => (objectOf(o, 'NetworkPolicy', 'worker-policy').spec.egress = []),
      [`egress-blocks-dns NetworkPolicy/worker-policy spec.egress: denies UDP and TCP ${DNS}`],
    ],
    ['a policy without Egress among its types', (o) => (objectOf(o, 'NetworkPolicy', 'worker-policy').spec.policyTypes = ['Ingress']), []],
    [
      'an egress peer that names nothing',
      (o) => (egress(o)[0].to = [{ podSelector: {} }, {}]),
      ['network-policy-peer NetworkPolicy/worker-policy spec.egress[0].to[1]: names no peer: give a podSelector, a namespaceSelector or an ipBlock'],
    ],
    [
      'an egress peer whose only selector is null (Go reads it as unset)',
      (o) => (egress(o)[0].to = [{ podSelector: null }]),
      ['network-policy-peer NetworkPolicy/worker-policy spec.egress[0].to[0]: names no peer: give a podSelector, a namespaceSelector or an ipBlock'],
    ],
    [
      'an ingress peer with an ipBlock and a namespaceSelector',
      (o) =>
        (objectOf(o, 'NetworkPolicy', 'worker-policy').spec.ingress = [
          { from: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { ipBlock: { cidr: '10.0.0.0/8' }, namespaceSelector: {} }] },
        ]),
      ['network-policy-peer NetworkPolicy/worker-policy spec.ingress[0].from[1]: may not give an ipBlock together with a podSelector or namespaceSelector'],
    ],
    [
      'peers the API server takes: an ipBlock alone, a podSelector with a namespaceSelector, a namespaceSelector alone',
      (o) => {
        egress(o)[0].to = [{ ipBlock: { cidr: '10.0.0.0/8' } }, { podSelector: {}, namespaceSelector: {} }, { namespaceSelector: {} }];
        objectOf(o, 'NetworkPolicy', 'worker-policy').spec.ingress = [{ from: [{ podSelector: { matchLabels: { a: 'b' } } }] }, { ports: [{ port: 80 }] }];
      },
      [],
    ],
    [
      'a ScaledObject whose target is not generated',
      (o) => (scaled(o).spec.scaleTargetRef = { name: 'gone' }),
      ['scaled-object-target ScaledObject/worker-scaler spec.scaleTargetRef: Deployment/gone is not generated'],
    ],
    [
      'a ScaledObject whose target is of another kind',
      (o) => (scaled(o).spec.scaleTargetRef = { kind: 'StatefulSet', name: 'worker' }),
      ['scaled-object-target ScaledObject/worker-scaler spec.scaleTargetRef: StatefulSet/worker is not generated'],
    ],
    [
      'a ScaledObject without a target',
      (o) => delete scaled(o).spec.scaleTargetRef,
      ['scaled-object-target ScaledObject/worker-scaler spec.scaleTargetRef: undefined/ is not generated'],
    ],
    [
      'a ScaledObject in another namespace than its target',
      (o) => (scaled(o).metadata.namespace = 'other'),
      [
        'scaled-object-target ScaledObject/worker-scaler spec.scaleTargetRef: Deployment/worker is not generated',
        'trigger-authentication ScaledObject/worker-scaler spec.triggers[0].authenticationRef.name: TriggerAuthentication "worker-redis-auth" is not generated',
      ],
    ],
    [
      'a ScaledObject whose target an HPA also scales',
      (o) => (scaled(o).spec.scaleTargetRef.name = 'api'),
      [
        'hpa-and-scaledobject ScaledObject/worker-scaler spec.scaleTargetRef: Deployment/api is also scaled by HorizontalPodAutoscaler/api-hpa; KEDA makes its own, and two fight over replicas',
      ],
    ],
    [
      'an HPA of the same name in another namespace, or of another kind, is no rival',
      (o) => {
        const other = structuredClone(objectOf(o, 'HorizontalPodAutoscaler', 'api-hpa'));
        other.metadata.namespace = 'other';
        other.spec.scaleTargetRef.name = 'worker';
        const kind = structuredClone(objectOf(o, 'HorizontalPodAutoscaler', 'api-hpa'));
        kind.metadata.name = 'kind-hpa';
        kind.spec.scaleTargetRef = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'worker' };
        extra(o, other);
        extra(o, kind);
      },
      [
        'hpa-target HorizontalPodAutoscaler/api-hpa spec.scaleTargetRef: Deployment/worker (apps/v1) is not generated',
        'hpa-target HorizontalPodAutoscaler/kind-hpa spec.scaleTargetRef: StatefulSet/worker (apps/v1) is not generated',
      ],
    ],
    [
      'a trigger whose TriggerAuthentication is not generated, and one without authentication',
      (o) => {
        scaled(o).spec.triggers[0].authenticationRef.name = 'gone';
        scaled(o).spec.triggers.push({ type: 'cpu', metadata: { value: '50' } });
      },
      ['trigger-authentication ScaledObject/worker-scaler spec.triggers[0].authenticationRef.name: TriggerAuthentication "gone" is not generated'],
    ],
    [
      'monitors that select two workloads, or none',
      (o) => {
        objectOf(o, 'PodMonitoring', 'worker-metrics').spec.selector = { matchLabels: { 'app.kubernetes.io/part-of': 'demo' } };
        objectOf(o, 'PodMonitor', 'worker-metrics').spec.selector = { matchLabels: { app: 'nobody' } };
        objectOf(o, 'ServiceMonitor', 'api-metrics').spec.selector = { matchLabels: { app: 'nobody' } };
      },
      // The selector check reports the pod monitors too (it counts the pods), then this check for all three.
      [
        'selector PodMonitoring/worker-metrics spec.selector: selects the pods of 5 workloads (Job/demo-migrate, Deployment/api, Deployment/worker, Deployment/frontend, CronJob/purge); it must select one',
        'selector PodMonitor/worker-metrics spec.selector: selects no pods of any generated workload',
        'selector ServiceMonitor/api-metrics spec.selector: selects no generated Service, or more than one',
        "selector PodMonitoring/worker-metrics spec.selector: selects no generated workload's pods, or more than one",
        "selector PodMonitor/worker-metrics spec.selector: selects no generated workload's pods, or more than one",
      ],
    ],
    [
      'a ServiceMonitor that selects two Services',
      (o) => (objectOf(o, 'ServiceMonitor', 'api-metrics').spec.selector = { matchLabels: { 'app.kubernetes.io/part-of': 'demo' } }),
      ['selector ServiceMonitor/api-metrics spec.selector: selects no generated Service, or more than one'],
    ],
    [
      'a monitor in another namespace than what it selects',
      (o) => (objectOf(o, 'PodMonitor', 'worker-metrics').metadata.namespace = 'other'),
      [
        'selector PodMonitor/worker-metrics spec.selector: selects no pods of any generated workload',
        "selector PodMonitor/worker-metrics spec.selector: selects no generated workload's pods, or more than one",
      ],
    ],
    [
      'monitor ports that are not port names of what they select',
      (o) => {
        objectOf(o, 'PodMonitoring', 'worker-metrics').spec.endpoints[0].port = 'grpc';
        objectOf(o, 'PodMonitor', 'worker-metrics').spec.podMetricsEndpoints.push({ port: 'nope' }, { port: 9090 });
        objectOf(o, 'ServiceMonitor', 'api-metrics').spec.endpoints[0].port = 'metrics';
      },
      [
        'monitor-port ServiceMonitor/api-metrics spec.endpoints[0].port: "metrics" is not a port name of what it selects (http)',
        'monitor-port PodMonitoring/worker-metrics spec.endpoints[0].port: "grpc" is not a port name of what it selects (http, metrics)',
        'monitor-port PodMonitor/worker-metrics spec.podMetricsEndpoints[1].port: "nope" is not a port name of what it selects (http, metrics)',
      ],
    ],
  ]);
});

describe('workloads', () => {
  const worker = (o: KubeObject[]): any => objectOf(o, 'Deployment', 'worker').spec.template.spec;
  table([
    ['a preStop sleep shorter than the default grace period', (o) => (apiContainer(o).lifecycle = { preStop: { sleep: { seconds: 29 } } }), []],
    [
      'a preStop sleep as long as the default grace period',
      (o) => (apiContainer(o).lifecycle = { preStop: { sleep: { seconds: 30 } } }),
      [`grace-period Deployment/api ${C}.lifecycle.preStop.sleep.seconds: a preStop sleep of 30s does not fit terminationGracePeriodSeconds 30`],
    ],
    [
      'a preStop sleep within a longer grace period',
      (o) => {
        apiContainer(o).lifecycle = { preStop: { sleep: { seconds: 45 } } };
        apiPod(o).terminationGracePeriodSeconds = 60;
      },
      [],
    ],
    [
      'a preStop sleep beyond a shorter grace period',
      (o) => {
        apiContainer(o).lifecycle = { preStop: { sleep: { seconds: 20 } } };
        apiPod(o).terminationGracePeriodSeconds = 10;
      },
      [`grace-period Deployment/api ${C}.lifecycle.preStop.sleep.seconds: a preStop sleep of 20s does not fit terminationGracePeriodSeconds 10`],
    ],
    [
      'a rolling update that can neither surge nor take a pod down',
      (o) => (api(o).spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }),
      ['rollout-stuck Deployment/api spec.strategy.rollingUpdate: maxSurge and maxUnavailable are both 0'],
    ],
    [
      'a rolling update that can take a pod down',
      (o) => (api(o).spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }),
      [],
    ],
    ['a rolling update that can surge', (o) => (api(o).spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } }), []],
    [
      "anti-affinity terms that miss the workload's own pods",
      (o) =>
        (apiPod(o).affinity = {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'other' } } },
              { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'api' } } },
            ],
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 1, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'other' } } } },
              { weight: 1, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } },
            ],
          },
        }),
      [
        `spread-selector Deployment/api ${T}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: does not match the labels of the workload's own pods`,
        `spread-selector Deployment/api ${T}.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector: does not match the labels of the workload's own pods`,
      ],
    ],
    [
      'a ServiceAccount neither generated nor declared',
      (o) => (worker(o).serviceAccountName = 'gone'),
      [
        'unresolved-reference Deployment/worker spec.template.spec.serviceAccountName: ServiceAccount "gone" is neither generated nor declared as made elsewhere (serviceAccount.external)',
      ],
    ],
    [
      'a ServiceAccount declared as made elsewhere',
      (o, context) => {
        context.serviceAccounts = new Set(['shared']);
        worker(o).serviceAccountName = 'shared';
      },
      [],
    ],
    [
      'a ServiceAccount generated, in the namespace of the pods or another',
      (o) => {
        extra(o, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'mine' } });
        extra(o, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'theirs', namespace: 'other' } });
        worker(o).serviceAccountName = 'mine';
        apiPod(o).serviceAccountName = 'theirs';
      },
      [
        'unresolved-reference Deployment/api spec.template.spec.serviceAccountName: ServiceAccount "theirs" is neither generated nor declared as made elsewhere (serviceAccount.external)',
      ],
    ],
  ]);
});

describe('checkPatched', () => {
  const set = () => renderedSet(everyKindConfig());
  it('finds the patched object by kind and name together (two monitors share a name, the Deployments a kind)', () => {
    const { objects, context } = set();
    objectOf(objects, 'PodMonitor', 'worker-metrics').spec.podMetricsEndpoints[0].port = 'nope';
    objectOf(objects, 'Deployment', 'worker').spec.template.spec.hostPID = true;
    const path = (pool: string): Array<string | number> => ['spec', 'backend', 'pools', pool, 'patches', 0];
    const patchedBy = new Map([
      [objects.indexOf(objectOf(objects, 'ConfigMap', 'backend-config-prod')), path('first')],
      [objects.indexOf(objectOf(objects, 'PodMonitor', 'worker-metrics')), path('monitor')],
      [objects.indexOf(objectOf(objects, 'Deployment', 'worker')), path('worker')],
    ]);
    const results = checkPatched({ objects, patchedBy, results: [] }, context);
    expect(results.map((r) => `${r.severity} ${r.resourceRef?.kind}/${r.resourceRef?.name} ${r.field?.path}`)).toEqual([
      'warning Deployment/worker spec.backend.pools.worker.patches[0]',
      'error PodMonitor/worker-metrics spec.backend.pools.monitor.patches[0]',
    ]);
  });

  it('checks nothing when no patch applied', () => {
    const { objects, context } = set();
    apiPod(objects).hostNetwork = true;
    expect(checkPatched({ objects, patchedBy: new Map(), results: [] }, context)).toEqual([]);
  });

  it('words a Pod Security finding as a waiver of the patch that made it, and anything else as an error of the patch', () => {
    const { objects, context } = set();
    apiPod(objects).hostNetwork = true;
    objectOf(objects, 'Service', 'backend-service').spec.ports[0].targetPort = 9999;
    const apiIndex = objects.indexOf(api(objects));
    const first = ['spec', 'backend', 'pools', 'worker', 'patches', 0];
    const apiPatch = ['spec', 'backend', 'pools', 'api', 'patches', 1];
    const results = checkPatched(
      {
        objects,
        patchedBy: new Map([
          [objects.length - 1, first],
          [apiIndex, apiPatch],
        ]),
        results: [],
      },
      context,
    );
    expect(results).toEqual([
      {
        severity: 'warning',
        message: `waives Pod Security "restricted" on Deployment/api: ${T}.hostNetwork: must be false or unset ${PSR('host-namespaces')}`,
        field: { path: 'spec.backend.pools.api.patches[1]' },
        tags: { code: 'pod-security/host-namespaces' },
        resourceRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      },
      {
        severity: 'error',
        message: 'breaks Service/backend-service: spec.ports[0].targetPort: 9999/TCP is not a container port of Deployment/api; fix or remove the patch',
        field: { path: 'spec.backend.pools.worker.patches[0]' },
        tags: { code: 'service-target-port' },
        resourceRef: { apiVersion: 'v1', kind: 'Service', name: 'backend-service' },
      },
    ]);
  });
});

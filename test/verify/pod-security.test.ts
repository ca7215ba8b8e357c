import { describe, expect, it } from 'vitest';
import { checkPodSecurity } from '../../src/verify/pod-security.js';
import { fullConfig } from '../support/apps.js';
import { codes, objectOf, renderedSet } from './support.js';

type Mutation = (spec: any) => void;

/** One break per rule; the path is where the finding must point, under spec.template.spec of Deployment/api. */
const BREAKS: Array<[string, Mutation, string]> = [
  ['host-namespaces', (s) => (s.hostNetwork = true), 'hostNetwork'],
  ['host-namespaces', (s) => (s.hostPID = true), 'hostPID'],
  ['host-process', (s) => (s.securityContext.windowsOptions = { hostProcess: true }), 'securityContext.windowsOptions.hostProcess'],
  ['privileged', (s) => (s.containers[0].securityContext.privileged = true), 'containers[0].securityContext.privileged'],
  ['capabilities', (s) => (s.containers[0].securityContext.capabilities.add = ['CHOWN']), 'containers[0].securityContext.capabilities.add[0]'],
  ['capabilities', (s) => (s.containers[0].securityContext.capabilities.add = ['SYS_ADMIN']), 'containers[0].securityContext.capabilities.add[0]'],
  ['capabilities', (s) => (s.containers[0].securityContext.capabilities.drop = ['NET_RAW']), 'containers[0].securityContext.capabilities.drop'],
  ['host-path-volumes', (s) => s.volumes.push({ name: 'host', hostPath: { path: '/' } }), 'volumes[1].hostPath'],
  ['volume-types', (s) => s.volumes.push({ name: 'nfs', nfs: { server: 'x', path: '/' } }), 'volumes[1]'],
  ['host-ports', (s) => (s.containers[0].ports[0].hostPort = 80), 'containers[0].ports[0].hostPort'],
  ['host-probes', (s) => (s.containers[0].livenessProbe.httpGet.host = 'example.com'), 'containers[0].livenessProbe.httpGet.host'],
  ['app-armor', (s) => (s.containers[0].securityContext.appArmorProfile = { type: 'Unconfined' }), 'containers[0].securityContext.appArmorProfile.type'],
  ['selinux', (s) => (s.securityContext.seLinuxOptions = { type: 'spc_t' }), 'securityContext.seLinuxOptions.type'],
  ['selinux', (s) => (s.containers[0].securityContext.seLinuxOptions = { user: 'root' }), 'containers[0].securityContext.seLinuxOptions.user'],
  ['proc-mount', (s) => (s.containers[0].securityContext.procMount = 'Unmasked'), 'containers[0].securityContext.procMount'],
  ['seccomp', (s) => (s.securityContext.seccompProfile.type = 'Unconfined'), 'securityContext.seccompProfile.type'],
  ['seccomp', (s) => delete s.securityContext.seccompProfile, 'containers[0].securityContext.seccompProfile.type'],
  ['sysctls', (s) => (s.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]), 'securityContext.sysctls[0].name'],
  ['privilege-escalation', (s) => delete s.containers[0].securityContext.allowPrivilegeEscalation, 'containers[0].securityContext.allowPrivilegeEscalation'],
  ['run-as-non-root', (s) => (s.containers[0].securityContext.runAsNonRoot = false), 'containers[0].securityContext.runAsNonRoot'],
  ['run-as-user', (s) => (s.securityContext.runAsUser = 0), 'securityContext.runAsUser'],
  ['run-as-user', (s) => (s.containers[0].securityContext.runAsUser = 0), 'containers[0].securityContext.runAsUser'],
  [
    'read-only-root-filesystem',
    (s) => (s.containers[0].securityContext.readOnlyRootFilesystem = false),
    'containers[0].securityContext.readOnlyRootFilesystem',
  ],
  ['automount-token', (s) => delete s.automountServiceAccountToken, 'automountServiceAccountToken'],
];

describe('checkPodSecurity', () => {
  it('finds nothing in a rendered set', () => {
    expect(checkPodSecurity(renderedSet().objects)).toEqual([]);
  });

  it.each(BREAKS.map(([rule, mutate, path]) => ({ rule, mutate, path })))('reports $rule at $path', ({ rule, mutate, path }) => {
    const { objects } = renderedSet();
    mutate(objectOf(objects, 'Deployment', 'api').spec.template.spec);
    expect(codes(checkPodSecurity(objects))).toEqual([`pod-security/${rule} Deployment/api spec.template.spec.${path}`]);
  });

  it('accepts runAsNonRoot on the pod alone, and seccomp on every container alone', () => {
    const { objects } = renderedSet();
    const spec = objectOf(objects, 'Deployment', 'api').spec.template.spec;
    delete spec.containers[0].securityContext.runAsNonRoot;
    spec.containers[0].securityContext.seccompProfile = spec.securityContext.seccompProfile;
    delete spec.securityContext.seccompProfile;
    expect(checkPodSecurity(objects)).toEqual([]);
  });

  it('checks init containers (the pod-level seccomp profile covers them) and AppArmor annotations', () => {
    const { objects } = renderedSet();
    const template = objectOf(objects, 'Deployment', 'worker').spec.template;
    template.spec.initContainers = [{ name: 'init', image: 'busybox' }];
    template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/worker': 'unconfined' };
    expect(codes(checkPodSecurity(objects))).toEqual([
      'pod-security/app-armor Deployment/worker spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/worker"]',
      'pod-security/privilege-escalation Deployment/worker spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation',
      'pod-security/capabilities Deployment/worker spec.template.spec.initContainers[0].securityContext.capabilities.drop',
      'pod-security/read-only-root-filesystem Deployment/worker spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem',
    ]);
  });

  it('skips exactly the rules a workload waives, and only for that workload', () => {
    const { objects } = renderedSet();
    for (const name of ['api', 'worker']) objectOf(objects, 'Deployment', name).spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false;
    const findings = checkPodSecurity(objects, new Map([['api', new Set(['read-only-root-filesystem'])]]));
    expect(codes(findings)).toEqual([
      'pod-security/read-only-root-filesystem Deployment/worker spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
    ]);
  });

  it('derives waivers from the config: an explicit security field, nothing else', () => {
    const { objects, context } = renderedSet(withSecurity({ readOnlyRootFilesystem: false, automountServiceAccountToken: true, runAsNonRoot: false }));
    expect(checkPodSecurity(objects)).not.toEqual([]);
    expect(checkPodSecurity(objects, context.waivers)).toEqual([]);
  });
});

function withSecurity(security: Record<string, unknown>): Record<string, any> {
  const config = fullConfig();
  config.spec.backend.pools.worker.security = security;
  return config;
}

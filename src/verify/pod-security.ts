// Pod Security "restricted", as the admission controller checks it (every Baseline control plus the
// Restricted ones), and two rules of this project on top: a read-only root filesystem and no service-account
// token. Each rule has a stable id; a workload may waive a rule only where its config says so explicitly.
import type { KubeObject } from '../render/meta.js';
import type { Path, Result } from '../results.js';
import {
  at,
  containersOf,
  entries,
  finding,
  isRecord,
  isSet,
  nameOf,
  podTemplatesOf,
  stringsOf,
  type Container,
  type Fields,
  type PodTemplate,
} from './objects.js';

export type PodSecurityRule =
  | 'host-process'
  | 'host-namespaces'
  | 'privileged'
  | 'capabilities'
  | 'host-path-volumes'
  | 'host-ports'
  | 'host-probes'
  | 'app-armor'
  | 'selinux'
  | 'proc-mount'
  | 'seccomp'
  | 'sysctls'
  | 'volume-types'
  | 'privilege-escalation'
  | 'run-as-non-root'
  | 'run-as-user'
  | 'read-only-root-filesystem'
  | 'automount-token';

/** Rules a workload's config waives on purpose, by workload name. */
export type PodSecurityWaivers = ReadonlyMap<string, ReadonlySet<string>>;

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
const RESTRICTED_CAPABILITIES = new Set(['NET_BIND_SERVICE']);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
const PROFILE_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const RESTRICTED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];

interface Violation {
  rule: PodSecurityRule;
  path: Path;
  message: string;
}

export function checkPodSecurity(objects: readonly KubeObject[], waivers: PodSecurityWaivers = new Map()): Result[] {
  return podTemplatesOf(objects).flatMap((pod) => {
    const waived = waivers.get(nameOf(pod.workload));
    return podViolations(pod)
      .filter((v) => !waived?.has(v.rule))
      .map((v) => finding(pod.workload, `pod-security/${v.rule}`, [...pod.path, ...v.path], `${v.message} (Pod Security "restricted": ${v.rule})`));
  });
}

/** Violations with paths relative to the pod template (metadata, spec). */
export function podViolations(pod: PodTemplate): Violation[] {
  const { spec } = pod;
  const podContext = isRecord(spec.securityContext) ? spec.securityContext : {};
  const inSpec = [
    ...hostNamespaces(spec),
    ...podLevel(podContext),
    ...volumes(spec),
    ...containersOf(spec).flatMap((c) => containerViolations(c, podContext)),
    ...(spec.automountServiceAccountToken === false
      ? []
      : [{ rule: 'automount-token' as const, path: ['automountServiceAccountToken'], message: 'must be false; the pod does not call the Kubernetes API' }]),
  ];
  return [...appArmorAnnotations(pod), ...inSpec.map((v) => ({ ...v, path: ['spec', ...v.path] }))];
}

function hostNamespaces(spec: Fields): Violation[] {
  return ['hostNetwork', 'hostPID', 'hostIPC'].flatMap((field) =>
    spec[field] === undefined || spec[field] === false ? [] : [{ rule: 'host-namespaces' as const, path: [field], message: 'must be false or unset' }],
  );
}

/** Controls on the pod-level securityContext (the container-level ones are checked per container). */
function podLevel(context: Fields): Violation[] {
  const path: Path = ['securityContext'];
  const results: Violation[] = [...securityContextBaseline(context, path)];
  if (context.runAsUser === 0) results.push({ rule: 'run-as-user', path: [...path, 'runAsUser'], message: 'must not be 0 (root)' });
  for (const [i, sysctl] of entries(context.sysctls)) {
    if (!SAFE_SYSCTLS.has(String(sysctl.name)))
      results.push({ rule: 'sysctls', path: [...path, 'sysctls', i, 'name'], message: `${String(sysctl.name)} is not a safe sysctl` });
  }
  return results;
}

/** Baseline controls that apply alike to the pod's and each container's securityContext. */
function securityContextBaseline(context: Fields, path: Path): Violation[] {
  const results: Violation[] = [];
  if (at(context, ['windowsOptions', 'hostProcess']) === true) {
    results.push({ rule: 'host-process', path: [...path, 'windowsOptions', 'hostProcess'], message: 'must be false or unset' });
  }
  const seccomp = at(context, ['seccompProfile', 'type']);
  if (seccomp !== undefined && !PROFILE_TYPES.has(String(seccomp))) {
    results.push({ rule: 'seccomp', path: [...path, 'seccompProfile', 'type'], message: `must be RuntimeDefault or Localhost, not ${String(seccomp)}` });
  }
  const appArmor = at(context, ['appArmorProfile', 'type']);
  if (appArmor !== undefined && !PROFILE_TYPES.has(String(appArmor))) {
    results.push({ rule: 'app-armor', path: [...path, 'appArmorProfile', 'type'], message: `must be RuntimeDefault or Localhost, not ${String(appArmor)}` });
  }
  const seLinux = at(context, ['seLinuxOptions']);
  if (isRecord(seLinux)) {
    if (seLinux.type !== undefined && !SELINUX_TYPES.has(String(seLinux.type))) {
      results.push({ rule: 'selinux', path: [...path, 'seLinuxOptions', 'type'], message: `${String(seLinux.type)} is not an allowed SELinux type` });
    }
    for (const field of ['user', 'role']) {
      if (seLinux[field] !== undefined && seLinux[field] !== '')
        results.push({ rule: 'selinux', path: [...path, 'seLinuxOptions', field], message: 'must be unset' });
    }
  }
  return results;
}

function volumes(spec: Fields): Violation[] {
  return entries(spec.volumes).flatMap(([i, volume]): Violation[] => {
    if (volume.hostPath !== undefined) return [{ rule: 'host-path-volumes', path: ['volumes', i, 'hostPath'], message: 'hostPath volumes are forbidden' }];
    if (RESTRICTED_VOLUME_SOURCES.some((source) => isSet(volume[source]))) return [];
    return [{ rule: 'volume-types', path: ['volumes', i], message: `volume type is not one of ${RESTRICTED_VOLUME_SOURCES.join(', ')}` }];
  });
}

function appArmorAnnotations(pod: PodTemplate): Violation[] {
  const annotations = stringsOf(at(pod.workload, [...pod.path, 'metadata', 'annotations']));
  return Object.entries(annotations).flatMap(([key, value]): Violation[] =>
    key.startsWith('container.apparmor.security.beta.kubernetes.io/') && value !== 'runtime/default' && !value.startsWith('localhost/')
      ? [{ rule: 'app-armor', path: ['metadata', 'annotations', key], message: `${value} is not runtime/default or localhost/*` }]
      : [],
  );
}

function containerViolations(container: Container, podContext: Fields): Violation[] {
  const base: Path = [container.list, container.index];
  const { fields } = container;
  const context = isRecord(fields.securityContext) ? fields.securityContext : {};
  const path: Path = [...base, 'securityContext'];
  const results: Violation[] = [...securityContextBaseline(context, path)];

  if (context.privileged === true) results.push({ rule: 'privileged', path: [...path, 'privileged'], message: 'must be false or unset' });
  if (context.procMount !== undefined && context.procMount !== 'Default')
    results.push({ rule: 'proc-mount', path: [...path, 'procMount'], message: 'must be Default or unset' });
  if (context.allowPrivilegeEscalation !== false) {
    results.push({ rule: 'privilege-escalation', path: [...path, 'allowPrivilegeEscalation'], message: 'must be false' });
  }
  if (context.runAsNonRoot === false || (context.runAsNonRoot !== true && podContext.runAsNonRoot !== true)) {
    results.push({ rule: 'run-as-non-root', path: [...path, 'runAsNonRoot'], message: 'must be true here or in the pod securityContext' });
  }
  if (context.runAsUser === 0) results.push({ rule: 'run-as-user', path: [...path, 'runAsUser'], message: 'must not be 0 (root)' });
  const seccomp = at(context, ['seccompProfile', 'type']) ?? at(podContext, ['seccompProfile', 'type']);
  if (seccomp === undefined)
    results.push({
      rule: 'seccomp',
      path: [...path, 'seccompProfile', 'type'],
      message: 'must be set (RuntimeDefault or Localhost), here or in the pod securityContext',
    });
  results.push(...capabilities(context, path));
  if (context.readOnlyRootFilesystem !== true)
    results.push({ rule: 'read-only-root-filesystem', path: [...path, 'readOnlyRootFilesystem'], message: 'must be true' });

  for (const [i, port] of entries(fields.ports)) {
    if (port.hostPort !== undefined && port.hostPort !== 0)
      results.push({ rule: 'host-ports', path: [...base, 'ports', i, 'hostPort'], message: 'must be 0 or unset' });
  }
  for (const probe of PROBES) results.push(...hostHandlers(fields[probe], [...base, probe]));
  for (const hook of HOOKS) results.push(...hostHandlers(at(fields, ['lifecycle', hook]), [...base, 'lifecycle', hook]));
  return results;
}

function capabilities(context: Fields, path: Path): Violation[] {
  const results: Violation[] = [];
  const drop = at(context, ['capabilities', 'drop']);
  if (!Array.isArray(drop) || !drop.includes('ALL'))
    results.push({ rule: 'capabilities', path: [...path, 'capabilities', 'drop'], message: 'must include ALL' });
  const add = at(context, ['capabilities', 'add']);
  if (Array.isArray(add)) {
    add.forEach((capability, i) => {
      if (!RESTRICTED_CAPABILITIES.has(String(capability))) {
        const why = BASELINE_CAPABILITIES.has(String(capability)) ? 'only NET_BIND_SERVICE may be added' : 'is not even allowed by Baseline';
        results.push({ rule: 'capabilities', path: [...path, 'capabilities', 'add', i], message: `${String(capability)}: ${why}` });
      }
    });
  }
  return results;
}

/** A probe or hook must not send its request to another host (Kubernetes 1.34 adds this to Baseline). */
function hostHandlers(handler: unknown, path: Path): Violation[] {
  return ['httpGet', 'tcpSocket'].flatMap((kind): Violation[] => {
    const host = at(handler, [kind, 'host']);
    return host === undefined || host === ''
      ? []
      : [{ rule: 'host-probes', path: [...path, kind, 'host'], message: 'must be unset; probes and hooks target the pod itself' }];
  });
}

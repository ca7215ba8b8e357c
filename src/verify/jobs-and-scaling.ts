// Checks for the kinds around the workloads: Jobs and CronJobs run to completion, a NetworkPolicy names each peer
// as the API server requires and, locked down, still reaches DNS, a ScaledObject scales a generated Deployment that
// no HPA also scales and authenticates through a generated TriggerAuthentication, and each monitor selects one
// workload and scrapes a port it has.
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
  namespaceOf,
  podTemplateOf,
  podTemplatesOf,
  selectorMatches,
  type PodTemplate,
} from './objects.js';

const DNS_PORT = 53;
/** The API server caps a CronJob's name so that the Jobs it names (name + 11 characters) stay valid. */
const CRON_JOB_NAME_MAX = 52;

export function checkJobsAndScaling(objects: readonly KubeObject[]): Result[] {
  return [
    ...objects.filter((o) => o.kind === 'Job' || o.kind === 'CronJob').flatMap(checkRunToCompletion),
    ...objects.filter((o) => o.kind === 'NetworkPolicy').flatMap((o) => [...checkEgressKeepsDns(o), ...checkPeers(o)]),
    ...objects.filter((o) => o.kind === 'ScaledObject').flatMap((o) => checkScaledObject(o, objects)),
    ...objects.filter((o) => MONITOR_SELECTORS[o.kind]).flatMap((o) => checkMonitor(o, objects)),
  ];
}

function checkRunToCompletion(object: KubeObject): Result[] {
  const pod = podTemplateOf(object)!;
  const path: Path = [...pod.path, 'spec', 'restartPolicy'];
  const policy = at(object, path);
  const results =
    policy === 'Never' || policy === 'OnFailure'
      ? []
      : [finding(object, 'job-restart-policy', path, `${JSON.stringify(policy ?? null)} must be Never or OnFailure for a Job's pod`)];
  if (object.kind === 'CronJob') {
    if (nameOf(object).length > CRON_JOB_NAME_MAX)
      results.push(finding(object, 'invalid-name', ['metadata', 'name'], `is longer than ${CRON_JOB_NAME_MAX} characters`));
    const schedule = at(object, ['spec', 'schedule']);
    if (typeof schedule !== 'string' || schedule.trim() === '') results.push(finding(object, 'cron-schedule', ['spec', 'schedule'], 'is missing'));
  }
  return results;
}

/** With Egress among its policy types, a policy must allow UDP and TCP port 53 to some peer, or names stop resolving. */
function checkEgressKeepsDns(policy: KubeObject): Result[] {
  const types = at(policy, ['spec', 'policyTypes']);
  if (!Array.isArray(types) || !types.includes('Egress')) return [];
  const rules = entries(at(policy, ['spec', 'egress'])).map(([, rule]) => rule);
  const allows = (protocol: string): boolean =>
    rules.some((rule) => {
      const ports = at(rule, ['ports']);
      if (!Array.isArray(ports) || ports.length === 0) return true;
      return entries(ports).some(
        ([, p]) =>
          String(p.protocol ?? 'TCP') === protocol &&
          (p.port === undefined ||
            p.port === DNS_PORT ||
            (typeof p.endPort === 'number' && typeof p.port === 'number' && p.port <= DNS_PORT && DNS_PORT <= p.endPort)),
      );
    });
  const missing = ['UDP', 'TCP'].filter((protocol) => !allows(protocol));
  return missing.length
    ? [finding(policy, 'egress-blocks-dns', ['spec', 'egress'], `denies ${missing.join(' and ')} port ${DNS_PORT}, so the pods could not resolve names`)]
    : [];
}

/** The API server's rule for a peer of `from` or `to`: an ipBlock alone, or a podSelector and/or a namespaceSelector. */
function checkPeers(policy: KubeObject): Result[] {
  const sides = [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const;
  return sides.flatMap(([direction, peers]) =>
    entries(at(policy, ['spec', direction])).flatMap(([r, rule]) =>
      entries(rule[peers]).flatMap(([p, peer]) => {
        const selectors = ['podSelector', 'namespaceSelector'].filter((field) => isSet(peer[field])).length;
        const problem = isSet(peer.ipBlock)
          ? selectors > 0 && 'may not give an ipBlock together with a podSelector or namespaceSelector'
          : selectors === 0 && 'names no peer: give a podSelector, a namespaceSelector or an ipBlock';
        return problem ? [finding(policy, 'network-policy-peer', ['spec', direction, r, peers, p], problem)] : [];
      }),
    ),
  );
}

function checkScaledObject(scaled: KubeObject, objects: readonly KubeObject[]): Result[] {
  const path: Path = ['spec', 'scaleTargetRef'];
  const ref = at(scaled, path);
  const kind = isRecord(ref) ? (ref.kind ?? 'Deployment') : undefined;
  const target = isRecord(ref) ? objects.find((o) => o.kind === kind && nameOf(o) === ref.name && namespaceOf(o) === namespaceOf(scaled)) : undefined;
  const results: Result[] = [];
  if (!target) results.push(finding(scaled, 'scaled-object-target', path, `${String(kind)}/${String(isRecord(ref) ? ref.name : '')} is not generated`));
  else {
    const hpa = objects.find(
      (o) =>
        o.kind === 'HorizontalPodAutoscaler' &&
        namespaceOf(o) === namespaceOf(scaled) &&
        at(o, ['spec', 'scaleTargetRef', 'name']) === nameOf(target) &&
        at(o, ['spec', 'scaleTargetRef', 'kind']) === target.kind,
    );
    if (hpa)
      results.push(
        finding(
          scaled,
          'hpa-and-scaledobject',
          path,
          `${target.kind}/${nameOf(target)} is also scaled by HorizontalPodAutoscaler/${nameOf(hpa)}; KEDA makes its own, and two fight over replicas`,
        ),
      );
  }
  for (const [i, trigger] of entries(at(scaled, ['spec', 'triggers']))) {
    const auth = at(trigger, ['authenticationRef', 'name']);
    if (auth === undefined) continue;
    const found = objects.some((o) => o.kind === 'TriggerAuthentication' && nameOf(o) === auth && namespaceOf(o) === namespaceOf(scaled));
    if (!found)
      results.push(
        finding(
          scaled,
          'trigger-authentication',
          ['spec', 'triggers', i, 'authenticationRef', 'name'],
          `TriggerAuthentication "${String(auth)}" is not generated`,
        ),
      );
  }
  return results;
}

interface MonitorShape {
  /** Where the endpoints are, and what the selector selects. */
  endpoints: string;
  selects: 'pods' | 'services';
}

const MONITOR_SELECTORS: Record<string, MonitorShape> = {
  PodMonitoring: { endpoints: 'endpoints', selects: 'pods' },
  PodMonitor: { endpoints: 'podMetricsEndpoints', selects: 'pods' },
  ServiceMonitor: { endpoints: 'endpoints', selects: 'services' },
};

function checkMonitor(monitor: KubeObject, objects: readonly KubeObject[]): Result[] {
  const shape = MONITOR_SELECTORS[monitor.kind]!;
  const selector = at(monitor, ['spec', 'selector']);
  const sameNamespace = (o: KubeObject): boolean => namespaceOf(o) === namespaceOf(monitor);
  const portNames =
    shape.selects === 'pods'
      ? selectedPods(
          selector,
          podTemplatesOf(objects).filter((p) => sameNamespace(p.workload)),
        )
      : selectedServicePorts(
          selector,
          objects.filter((o) => o.kind === 'Service' && sameNamespace(o)),
        );
  if (!portNames)
    return [
      finding(
        monitor,
        'selector',
        ['spec', 'selector'],
        `selects no ${shape.selects === 'pods' ? "generated workload's pods" : 'generated Service'}, or more than one`,
      ),
    ];
  return entries(at(monitor, ['spec', shape.endpoints])).flatMap(([i, endpoint]) =>
    typeof endpoint.port === 'string' && !portNames.has(endpoint.port)
      ? [
          finding(
            monitor,
            'monitor-port',
            ['spec', shape.endpoints, i, 'port'],
            `"${endpoint.port}" is not a port name of what it selects (${[...portNames].join(', ')})`,
          ),
        ]
      : [],
  );
}

function selectedPods(selector: unknown, pods: PodTemplate[]): Set<string> | undefined {
  const selected = pods.filter((pod) => selectorMatches(selector, pod.labels));
  if (selected.length !== 1) return undefined;
  return new Set(
    containersOf(selected[0]!.spec).flatMap((c) => entries(c.fields.ports).flatMap(([, port]) => (typeof port.name === 'string' ? [port.name] : []))),
  );
}

function selectedServicePorts(selector: unknown, services: KubeObject[]): Set<string> | undefined {
  const labels = (o: KubeObject): Record<string, string> => (o.metadata.labels ?? {}) as Record<string, string>;
  const selected = services.filter((service) => selectorMatches(selector, labels(service)));
  if (selected.length !== 1) return undefined;
  return new Set(entries(at(selected[0], ['spec', 'ports'])).flatMap(([, port]) => (typeof port.name === 'string' ? [port.name] : [])));
}

// Cross-references inside the rendered set, which no schema sees: a Service reaches pods on a port they
// declare, an Ingress routes to a Service port that exists, every Secret and ConfigMap a pod reads is rendered
// (an ExternalSecret's target counts) or declared as made elsewhere, an HPA scales something that exists, and
// a PodDisruptionBudget leaves at least one voluntary eviction at the workload's lowest replica count.
import type { KubeObject } from '../render/meta.js';
import type { Path, Result } from '../results.js';
import { ingressPathProblem } from '../k8s/ingress.js';
import { evictionsAllowed, PERCENT } from '../k8s/int-or-percent.js';
import { dns1123Subdomain } from '../k8s/names.js';
import { hpaBoundsProblem } from '../k8s/numbers.js';
import {
  at,
  containersOf,
  entries,
  finding,
  groupOf,
  indexPods,
  isRecord,
  nameOf,
  namespaceOf,
  podTemplateOf,
  podTemplatesOf,
  selectorIsEmpty,
  type Fields,
  type PodIndex,
  type PodTemplate,
} from './objects.js';

export interface Provided {
  /** Secrets and ConfigMaps the config declares as made elsewhere (`secret:<name>`, `configMap:<name>`). */
  secrets: ReadonlySet<string>;
  configMaps: ReadonlySet<string>;
}

export interface ReferenceOptions {
  provided: Provided;
  /** Workloads whose config accepts a disruption budget that blocks drains (and was warned about it). */
  blockingBudgetAccepted: ReadonlySet<string>;
}

const NONE: ReferenceOptions = { provided: { secrets: new Set(), configMaps: new Set() }, blockingBudgetAccepted: new Set() };

export function checkReferences(objects: readonly KubeObject[], options: ReferenceOptions = NONE): Result[] {
  const set = indexSet(objects);
  const ofKind = (kind: string): KubeObject[] => objects.filter((o) => o.kind === kind);
  return [
    ...ofKind('Service').flatMap((service) => checkService(service, set)),
    ...ofKind('Ingress').flatMap((ingress) => checkIngress(ingress, set)),
    ...set.pods.flatMap((pod) => checkConfigSources(pod, set, options.provided)),
    ...ofKind('HorizontalPodAutoscaler').flatMap((hpa) => checkScaleTarget(hpa, set)),
    ...ofKind('PodDisruptionBudget').flatMap((pdb) => checkDisruptionBudget(pdb, set, options.blockingBudgetAccepted)),
    ...ofKind('TriggerAuthentication').flatMap((auth) => checkTriggerAuthentication(auth, set, options.provided)),
  ];
}

/** The rendered set, indexed once, so each check looks up what it refers to instead of scanning every object. */
interface IndexedSet {
  pods: PodTemplate[];
  podIndex: PodIndex;
  /** By apiVersion, kind, namespace and name. */
  byIdentity: Map<string, KubeObject>;
  /** The first HPA that scales each workload. */
  hpaOf: Map<KubeObject, KubeObject>;
  /** Names of the Secrets (ExternalSecret targets) and ConfigMaps the set makes, by namespace. */
  made: Map<string, { Secret: Set<string>; ConfigMap: Set<string> }>;
}

const identity = (apiVersion: unknown, kind: unknown, namespace: string, name: unknown): string =>
  [apiVersion, kind, namespace, name].map(String).join('\u0000');

function madeIn(made: IndexedSet['made'], object: KubeObject): { Secret: Set<string>; ConfigMap: Set<string> } {
  const namespace = namespaceOf(object);
  let names = made.get(namespace);
  if (!names) made.set(namespace, (names = { Secret: new Set(), ConfigMap: new Set() }));
  return names;
}

function indexSet(objects: readonly KubeObject[]): IndexedSet {
  const pods = podTemplatesOf(objects);
  const byIdentity = new Map<string, KubeObject>();
  const made = new Map<string, { Secret: Set<string>; ConfigMap: Set<string> }>();
  for (const object of objects) {
    const key = identity(object.apiVersion, object.kind, namespaceOf(object), nameOf(object));
    if (!byIdentity.has(key)) byIdentity.set(key, object);
    // An ExternalSecret writes the Secret spec.target.name, which defaults to its own name.
    if (object.kind === 'ExternalSecret' && groupOf(object.apiVersion) === 'external-secrets.io')
      madeIn(made, object).Secret.add(String(at(object, ['spec', 'target', 'name']) ?? nameOf(object)));
    if (object.kind === 'ConfigMap') madeIn(made, object).ConfigMap.add(nameOf(object));
  }
  const hpaOf = new Map<KubeObject, KubeObject>();
  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const target = scaleTargetOf(hpa, byIdentity);
    if (target && !hpaOf.has(target)) hpaOf.set(target, hpa);
  }
  return { pods, podIndex: indexPods(pods), byIdentity, hpaOf, made };
}

// ---- Service → pods and container ports ------------------------------------------------------------------

function checkService(service: KubeObject, set: IndexedSet): Result[] {
  if (at(service, ['spec', 'type']) === 'ExternalName') return [];
  const selectorPath: Path = ['spec', 'selector'];
  const selector = at(service, selectorPath);
  if (selectorIsEmpty(selector, true))
    return [finding(service, 'service-selects-nothing', selectorPath, 'is empty; a generated Service must select the pods it serves')];
  const selected = set.podIndex.select(selector, namespaceOf(service), true);
  if (selected.length === 0) return [finding(service, 'service-selects-nothing', selectorPath, 'selects no pods of any generated workload')];
  return entries(at(service, ['spec', 'ports'])).flatMap(([i, port]) => {
    const target = port.targetPort ?? port.port;
    const protocol = String(port.protocol ?? 'TCP');
    return selected.flatMap((pod) =>
      declaresPort(pod, target, protocol)
        ? []
        : [
            finding(
              service,
              'service-target-port',
              ['spec', 'ports', i, 'targetPort'],
              `${JSON.stringify(target)}/${protocol} is not a container port of ${pod.workload.kind}/${nameOf(pod.workload)}`,
            ),
          ],
    );
  });
}

function declaresPort(pod: PodTemplate, target: unknown, protocol: string): boolean {
  return entries(pod.spec.containers).some(([, container]) =>
    entries(container.ports).some(
      ([, port]) => String(port.protocol ?? 'TCP') === protocol && (typeof target === 'number' ? port.containerPort === target : port.name === target),
    ),
  );
}

// ---- Ingress → Service ports ---------------------------------------------------------------------------------

function checkIngress(ingress: KubeObject, set: IndexedSet): Result[] {
  const services = (name: string): KubeObject | undefined => set.byIdentity.get(identity('v1', 'Service', namespaceOf(ingress), name));
  const results: Result[] = [];
  const defaultBackend = at(ingress, ['spec', 'defaultBackend']);
  if (defaultBackend !== undefined) results.push(...checkBackend(ingress, ['spec', 'defaultBackend'], defaultBackend, services));
  for (const [r, rule] of entries(at(ingress, ['spec', 'rules']))) {
    for (const [p, path] of entries(at(rule, ['http', 'paths']))) {
      const base: Path = ['spec', 'rules', r, 'http', 'paths', p];
      results.push(...checkBackend(ingress, [...base, 'backend'], path.backend, services), ...checkIngressPath(ingress, [...base, 'path'], path));
    }
  }
  return results;
}

function checkBackend(ingress: KubeObject, path: Path, backend: unknown, services: (name: string) => KubeObject | undefined): Result[] {
  const name = at(backend, ['service', 'name']);
  if (typeof name !== 'string') return [finding(ingress, 'ingress-backend', path, 'names no Service')];
  const service = services(name);
  if (!service) return [finding(ingress, 'ingress-backend', [...path, 'service', 'name'], `Service "${name}" is not generated`)];
  const number = at(backend, ['service', 'port', 'number']);
  const portName = at(backend, ['service', 'port', 'name']);
  const ports = entries(at(service, ['spec', 'ports'])).map(([, port]) => port);
  const found = ports.some((port) => (number !== undefined ? port.port === number : port.name === portName));
  if (found) return [];
  return [finding(ingress, 'ingress-backend', [...path, 'service', 'port'], `${JSON.stringify(number ?? portName)} is not a port of Service "${name}"`)];
}

/** The API server's rules for Prefix and Exact paths (and an absolute path for every type). */
function checkIngressPath(ingress: KubeObject, path: Path, entry: Fields): Result[] {
  const value = entry.path;
  if (value === undefined)
    return entry.pathType === 'ImplementationSpecific' ? [] : [finding(ingress, 'ingress-path', path, `is required for pathType ${String(entry.pathType)}`)];
  const problem = typeof value === 'string' ? ingressPathProblem(value, String(entry.pathType)) : 'must be a string';
  return problem ? [finding(ingress, 'ingress-path', path, `${JSON.stringify(value)} ${problem}`)] : [];
}

// ---- Secrets and ConfigMaps read by pods -----------------------------------------------------------------

interface SourceRef {
  kind: 'Secret' | 'ConfigMap';
  name: unknown;
  optional: boolean;
  path: Path;
}

function checkConfigSources(pod: PodTemplate, set: IndexedSet, provided: Provided): Result[] {
  const made = set.made.get(namespaceOf(pod.workload));
  const available = (kind: SourceRef['kind'], name: string): boolean =>
    (kind === 'Secret' ? provided.secrets : provided.configMaps).has(name) || made?.[kind].has(name) === true;
  return sourceRefs(pod).flatMap((ref) => {
    const invalid = typeof ref.name === 'string' ? dns1123Subdomain(ref.name) : 'missing';
    if (invalid) return [finding(pod.workload, 'invalid-reference', [...pod.path, ...ref.path], `${ref.kind} name "${String(ref.name ?? '')}" is ${invalid}`)];
    if (ref.optional || available(ref.kind, ref.name as string)) return [];
    return [
      finding(
        pod.workload,
        'unresolved-reference',
        [...pod.path, ...ref.path],
        `${ref.kind} "${String(ref.name)}" is neither generated nor declared as made elsewhere (secret:<name> / configMap:<name>)`,
      ),
    ];
  });
}

/** KEDA reads a TriggerAuthentication's secrets like a pod does: each must be generated or declared as made elsewhere. */
function checkTriggerAuthentication(auth: KubeObject, set: IndexedSet, provided: Provided): Result[] {
  const made = set.made.get(namespaceOf(auth));
  return entries(at(auth, ['spec', 'secretTargetRef'])).flatMap(([i, ref]) => {
    const path: Path = ['spec', 'secretTargetRef', i, 'name'];
    const name = ref.name;
    const invalid = typeof name === 'string' ? dns1123Subdomain(name) : 'missing';
    if (invalid) return [finding(auth, 'invalid-reference', path, `Secret name "${String(name ?? '')}" is ${invalid}`)];
    if (provided.secrets.has(name as string) || made?.Secret.has(name as string)) return [];
    return [finding(auth, 'unresolved-reference', path, `Secret "${String(name)}" is neither generated nor declared as made elsewhere`)];
  });
}

function sourceRefs(pod: PodTemplate): SourceRef[] {
  const refs: SourceRef[] = [];
  const add = (kind: SourceRef['kind'], ref: unknown, nameField: string, path: Path): void => {
    if (isRecord(ref)) refs.push({ kind, name: ref[nameField], optional: ref.optional === true, path: [...path, nameField] });
  };
  for (const container of containersOf(pod.spec)) {
    const base: Path = ['spec', container.list, container.index];
    for (const [i, source] of entries(container.fields.envFrom)) {
      add('Secret', source.secretRef, 'name', [...base, 'envFrom', i, 'secretRef']);
      add('ConfigMap', source.configMapRef, 'name', [...base, 'envFrom', i, 'configMapRef']);
    }
    for (const [i, variable] of entries(container.fields.env)) {
      add('Secret', at(variable, ['valueFrom', 'secretKeyRef']), 'name', [...base, 'env', i, 'valueFrom', 'secretKeyRef']);
      add('ConfigMap', at(variable, ['valueFrom', 'configMapKeyRef']), 'name', [...base, 'env', i, 'valueFrom', 'configMapKeyRef']);
    }
  }
  for (const [i, volume] of entries(pod.spec.volumes)) {
    add('Secret', volume.secret, 'secretName', ['spec', 'volumes', i, 'secret']);
    add('ConfigMap', volume.configMap, 'name', ['spec', 'volumes', i, 'configMap']);
    for (const [j, source] of entries(at(volume, ['projected', 'sources']))) {
      add('Secret', source.secret, 'name', ['spec', 'volumes', i, 'projected', 'sources', j, 'secret']);
      add('ConfigMap', source.configMap, 'name', ['spec', 'volumes', i, 'projected', 'sources', j, 'configMap']);
    }
  }
  return refs;
}

// ---- HorizontalPodAutoscaler → workload ---------------------------------------------------------------

function scaleTargetOf(hpa: KubeObject, byIdentity: ReadonlyMap<string, KubeObject>): KubeObject | undefined {
  const ref = at(hpa, ['spec', 'scaleTargetRef']);
  if (!isRecord(ref)) return undefined;
  return byIdentity.get(identity(ref.apiVersion, ref.kind, namespaceOf(hpa), ref.name));
}

function checkScaleTarget(hpa: KubeObject, set: IndexedSet): Result[] {
  const path: Path = ['spec', 'scaleTargetRef'];
  const target = scaleTargetOf(hpa, set.byIdentity);
  if (!target) {
    const ref = at(hpa, path);
    const what = isRecord(ref) ? `${String(ref.kind)}/${String(ref.name)} (${String(ref.apiVersion)})` : 'its target';
    return [finding(hpa, 'hpa-target', path, `${what} is not generated`)];
  }
  if (!podTemplateOf(target)) return [finding(hpa, 'hpa-target', path, `${target.kind} has no pods to scale`)];
  const min = at(hpa, ['spec', 'minReplicas']) ?? 1;
  const max = at(hpa, ['spec', 'maxReplicas']);
  const problem = typeof min === 'number' && typeof max === 'number' ? hpaBoundsProblem(min, max) : 'minReplicas and maxReplicas must be numbers';
  return problem ? [finding(hpa, 'hpa-bounds', ['spec', 'minReplicas'], problem)] : [];
}

// ---- PodDisruptionBudget ↔ lowest replica count ---------------------------------------------------------------

function checkDisruptionBudget(pdb: KubeObject, set: IndexedSet, accepted: ReadonlySet<string>): Result[] {
  const selector = at(pdb, ['spec', 'selector']);
  const selected = selectorIsEmpty(selector) ? [] : set.podIndex.select(selector, namespaceOf(pdb));
  if (selected.length !== 1) return []; // the selector check reports it
  const workload = selected[0]!.workload;
  const minAvailable = at(pdb, ['spec', 'minAvailable']);
  const maxUnavailable = at(pdb, ['spec', 'maxUnavailable']);
  const [field, bound] = minAvailable !== undefined ? (['minAvailable', minAvailable] as const) : (['maxUnavailable', maxUnavailable] as const);
  const path: Path = ['spec', field];
  if ((minAvailable === undefined) === (maxUnavailable === undefined))
    return [finding(pdb, 'pdb-bounds', ['spec'], 'needs exactly one of minAvailable or maxUnavailable')];
  if (typeof bound === 'string' ? !PERCENT.test(bound) : typeof bound !== 'number' || !Number.isInteger(bound) || bound < 0) {
    return [finding(pdb, 'pdb-bounds', path, `${JSON.stringify(bound)} is neither a whole number nor a percentage from 0% to 100%`)];
  }
  const lowest = lowestReplicas(workload, set.hpaOf.get(workload));
  if (lowest === 0 || accepted.has(nameOf(workload))) return [];
  if (evictionsAllowed({ [field]: bound }, lowest) > 0) return [];
  return [
    finding(
      pdb,
      'pdb-blocks-drain',
      path,
      `${field} ${String(bound)} at ${lowest} replica${lowest === 1 ? '' : 's'} of ${workload.kind}/${nameOf(workload)} allows no voluntary eviction`,
    ),
  ];
}

/** The fewest pods a workload runs: its HPA's minReplicas (1 by default) if one scales it, else spec.replicas (default 1). */
function lowestReplicas(workload: KubeObject, hpa: KubeObject | undefined): number {
  const value = hpa ? (at(hpa, ['spec', 'minReplicas']) ?? 1) : (at(workload, ['spec', 'replicas']) ?? 1);
  return typeof value === 'number' ? value : 1;
}

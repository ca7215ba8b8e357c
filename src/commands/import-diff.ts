// The round trip that makes import honest: render the imported TomodaApp and compare it with the input, object by
// object and field by field. A difference is either one of the function's documented defaults (listed here,
// each with why) or it goes into the report, so nothing the input said is lost without a word.
import type { KubeObject } from '../render/index.js';
import { isRecord, nameOf } from '../verify/objects.js';

export interface Difference {
  object: string;
  path: string;
  input?: unknown;
  rendered?: unknown;
}

/**
 * What the function adds, makes explicit or leaves out on purpose. `where` matches "Kind path" of a field only the
 * render has, or, for `inputOnly`, of a field only the input has.
 */
export const FUNCTION_DEFAULTS: ReadonlyArray<{ code: string; where: RegExp; why: string; inputOnly?: boolean }> = [
  {
    code: 'hpa-owns-replicas',
    where: /^Deployment spec\.replicas$/,
    inputOnly: true,
    why: 'with an HPA the Deployment leaves replicas to it; a fixed count would fight the HPA on every apply',
  },
  {
    code: 'own-labels',
    where: /^\S+ (metadata\.labels|spec\.template\.metadata\.labels)\[app\.kubernetes\.io\/(name|component|part-of|managed-by)\]$/,
    why: 'the function labels every object with app.kubernetes.io/name, component, part-of and managed-by',
  },
  { code: 'own-labels', where: /^\S+ metadata\.labels\[app\]$/, why: 'every object of a workload carries its app label' },
  {
    code: 'pod-security',
    where: /^Deployment spec\.template\.spec\.(securityContext\.|containers\[[^\]]+\]\.securityContext\.)/,
    why: 'Pod Security "restricted": non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp, read-only root filesystem',
  },
  {
    code: 'no-token',
    where: /^Deployment spec\.template\.spec\.automountServiceAccountToken$/,
    why: 'no Kubernetes API token in pods that do not call the API',
  },
  {
    code: 'writable-tmp',
    where: /^Deployment spec\.template\.spec\.(volumes\[tmp\]|containers\[[^\]]+\]\.volumeMounts\[tmp\])/,
    why: 'a writable /tmp (emptyDir) beside the read-only root filesystem',
  },
  {
    code: 'resources',
    where: /^Deployment spec\.template\.spec\.containers\[[^\]]+\]\.resources\./,
    why: 'every container gets requests (10m CPU, 64Mi) and a memory limit (256Mi) unless the config says otherwise',
  },
  {
    code: 'probe-timing',
    where: /^Deployment spec\.template\.spec\.containers\[[^\]]+\]\.(livenessProbe|readinessProbe)\.(initialDelaySeconds|periodSeconds)$/,
    why: 'probes get the default timing (liveness 15 s / 30 s, readiness 10 s / 10 s)',
  },
  {
    code: 'explicit-pull-policy',
    where: /^Deployment spec\.template\.spec\.containers\[[^\]]+\]\.imagePullPolicy$/,
    why: 'imagePullPolicy is written out (Always for :latest, else IfNotPresent), as Kubernetes would default it',
  },
  {
    code: 'explicit-protocol',
    where: /^Deployment spec\.template\.spec\.containers\[[^\]]+\]\.ports\[[^\]]+\]\.protocol$/,
    why: 'the port protocol TCP is written out, as Kubernetes would default it',
  },
  {
    code: 'pdb-unhealthy-eviction',
    where: /^PodDisruptionBudget spec\.unhealthyPodEvictionPolicy$/,
    why: 'pods that never became ready do not block a node drain',
  },
  {
    code: 'default-spread',
    where: /^Deployment spec\.template\.spec\.topologySpreadConstraints\[/,
    why: 'a workload that may run 2 or more pods gets a soft zone and node spread (ScheduleAnyway), so its budget protects something',
  },
  {
    code: 'deny-by-default',
    where: /^NetworkPolicy $/,
    why: 'every workload gets a NetworkPolicy; without one in the input it denies all ingress but what routes need',
  },
];

/** The documented default that explains a difference; `hasHpa` says whether an HPA owns the object's replicas. */
export function functionDefaultOf(difference: Difference, hasHpa: (object: string) => boolean): (typeof FUNCTION_DEFAULTS)[number] | undefined {
  const side = difference.input === undefined ? 'rendered' : difference.rendered === undefined ? 'input' : 'both';
  if (side === 'both') return undefined;
  const where = `${difference.object.split('/')[0]} ${difference.path}`;
  return FUNCTION_DEFAULTS.find(
    (d) => (side === 'input') === Boolean(d.inputOnly) && d.where.test(where) && (d.code !== 'hpa-owns-replicas' || hasHpa(difference.object)),
  );
}

const keyOf = (o: KubeObject): string => `${o.kind}/${nameOf(o)}`;

export function differences(input: readonly KubeObject[], rendered: readonly KubeObject[]): Difference[] {
  const renderedByKey = new Map(rendered.map((o) => [keyOf(o), o]));
  const inputKeys = new Set(input.map(keyOf));
  const out: Difference[] = [];
  for (const o of input) {
    const theirs = renderedByKey.get(keyOf(o));
    if (!theirs) out.push({ object: keyOf(o), path: '', input: '(the object)' });
    else out.push(...compare(keyOf(o), withoutNamespace(o), withoutNamespace(theirs), ''));
  }
  for (const o of rendered) if (!inputKeys.has(keyOf(o))) out.push({ object: keyOf(o), path: '', rendered: '(the object)' });
  return out;
}

/** The namespace is spec.namespace or kustomize's; it is compared once, by import, not per object. */
const withoutNamespace = (o: KubeObject): unknown => ({ ...o, metadata: { ...o.metadata, namespace: undefined } });

function compare(object: string, a: unknown, b: unknown, path: string): Difference[] {
  if (Array.isArray(a) && Array.isArray(b)) return compare(object, keyed(a), keyed(b), path);
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => compare(object, a[key], b[key], join(path, key)));
  }
  if (a === undefined && b === undefined) return [];
  if (a === undefined || b === undefined || isRecord(a) || isRecord(b) || Array.isArray(a) || Array.isArray(b)) {
    if (a !== undefined && b !== undefined) return [{ object, path, input: a, rendered: b }];
    // One side only: list every leaf, so that each can be matched against the defaults.
    return leaves(a ?? b, path).map(([p, v]) => ({ object, path: p, ...(a === undefined ? { rendered: v } : { input: v }) }));
  }
  return a === b ? [] : [{ object, path, input: a, rendered: b }];
}

/** Lists of named entries (env, ports, containers, volumes, ExternalSecret data) compare by name, not by position. */
function keyed(list: unknown[]): unknown {
  const keyField = ['name', 'secretKey'].find((field) => list.length > 0 && list.every((item) => isRecord(item) && typeof item[field] === 'string'));
  if (!keyField) return Object.fromEntries(list.map((item, i) => [String(i), item]));
  return Object.fromEntries(list.map((item) => [`\u0000${String((item as Record<string, unknown>)[keyField])}`, item]));
}

function join(path: string, key: string): string {
  if (key.startsWith('\u0000')) return `${path}[${key.slice(1)}]`;
  if (/^[0-9]+$/.test(key)) return `${path}[${key}]`;
  if (/(^|\.)(labels|matchLabels|annotations|data)$/.test(path) || !/^[A-Za-z0-9_-]+$/.test(key)) return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function leaves(value: unknown, path: string): Array<[string, unknown]> {
  if (Array.isArray(value)) return leaves(keyed(value), path);
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => leaves(v, join(path, k)));
  return [[path, value]];
}

// What the OpenAPI schemas let through but the API server refuses: names that are not DNS names, label keys
// and values it would reject, oversized annotations, and two objects with one identity.
import type { KubeObject } from '../render/meta.js';
import type { Path, Result } from '../results.js';
import { dns1035Label, dns1123Label, dns1123Subdomain, ianaServiceName, labelValue, metricName, qualifiedName, type NameProblem } from '../k8s/names.js';
import { kindChecksOf } from './kinds.js';
import { at, containersOf, describeObject, entries, finding, groupOf, isRecord, nameOf, namespaceOf, podTemplateOf } from './objects.js';

const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** How the API server validates `metadata.name` per kind; every kind not listed is a DNS-1123 subdomain. */
const NAME_RULES: Record<string, (name: string) => NameProblem> = {
  Service: dns1035Label,
  Namespace: dns1123Label,
};

export function checkMetadata(objects: readonly KubeObject[]): Result[] {
  return [...objects.flatMap(checkObject), ...checkIdentities(objects)];
}

function checkObject(object: KubeObject): Result[] {
  const checks = kindChecksOf(object);
  if (!checks)
    return [finding(object, 'unknown-kind', ['kind'], `${object.apiVersion} ${object.kind} is not a kind this function emits, so no check covers it`)];
  const results: Result[] = [];
  const name = object.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    results.push(finding(object, 'invalid-name', ['metadata', 'name'], 'is missing'));
  } else {
    const problem = (NAME_RULES[object.kind] ?? dns1123Subdomain)(name);
    if (problem) results.push(finding(object, 'invalid-name', ['metadata', 'name'], `"${name}" is ${problem}`));
  }
  const namespace = object.metadata?.namespace;
  if (namespace !== undefined) {
    const problem = typeof namespace === 'string' ? dns1123Label(namespace) : 'not a string';
    if (problem) results.push(finding(object, 'invalid-name', ['metadata', 'namespace'], `"${String(namespace)}" is ${problem}`));
  }
  results.push(...checkLabels(object, ['metadata', 'labels']), ...checkAnnotations(object));
  const template = podTemplateOf(object);
  if (template) {
    results.push(...checkLabels(object, [...template.path, 'metadata', 'labels']), ...checkPodNames(object, [...template.path, 'spec']));
  }
  if (checks.selector)
    results.push(...(checks.selector.plainMap ? checkLabels(object, checks.selector.path) : checkSelectorLabels(object, checks.selector.path)));
  if (object.kind === 'HorizontalPodAutoscaler') results.push(...checkMetricNames(object));
  return results;
}

function checkLabels(object: KubeObject, path: Path): Result[] {
  const labels = at(object, path);
  if (labels === undefined) return [];
  if (!isRecord(labels)) return [finding(object, 'invalid-label', path, 'must be a map of strings')];
  return Object.entries(labels).flatMap(([key, value]) => {
    const keyProblem = qualifiedName(key);
    if (keyProblem) return [finding(object, 'invalid-label', [...path, key], `the label key is ${keyProblem}`)];
    const valueProblem = typeof value === 'string' ? labelValue(value) : 'not a string';
    return valueProblem ? [finding(object, 'invalid-label', [...path, key], `the label value ${JSON.stringify(value)} is ${valueProblem}`)] : [];
  });
}

function checkAnnotations(object: KubeObject): Result[] {
  const path: Path = ['metadata', 'annotations'];
  const annotations = at(object, path);
  if (annotations === undefined) return [];
  if (!isRecord(annotations)) return [finding(object, 'invalid-annotation', path, 'must be a map of strings')];
  const results = Object.entries(annotations).flatMap(([key, value]) => {
    const problem = qualifiedName(key) ?? (typeof value === 'string' ? undefined : 'a key whose value is not a string');
    return problem ? [finding(object, 'invalid-annotation', [...path, key], `is ${problem}`)] : [];
  });
  const size = Object.entries(annotations).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(String(value)), 0);
  if (size > MAX_ANNOTATIONS_BYTES) results.push(finding(object, 'invalid-annotation', path, `take ${size} bytes; the API server allows 256 KiB`));
  return results;
}

/** Containers and volumes are DNS-1123 labels, port names IANA service names; each unique within the pod. */
function checkPodNames(object: KubeObject, specPath: Path): Result[] {
  const spec = at(object, specPath);
  if (!isRecord(spec)) return [];
  const results: Result[] = [];
  const check = (path: Path, value: unknown, rule: (v: string) => NameProblem, seen: Set<string>): void => {
    const problem = typeof value === 'string' ? rule(value) : 'missing';
    if (problem) results.push(finding(object, 'invalid-name', path, `"${String(value ?? '')}" is ${problem}`));
    else if (seen.has(value as string)) results.push(finding(object, 'duplicate-name', path, `"${String(value)}" is used twice in one pod`));
    seen.add(String(value));
  };
  const containers = new Set<string>();
  for (const container of containersOf(spec)) {
    const path: Path = [...specPath, container.list, container.index];
    check([...path, 'name'], container.fields.name, dns1123Label, containers);
    const ports = new Set<string>();
    for (const [i, port] of entries(container.fields.ports)) {
      if (port.name !== undefined) check([...path, 'ports', i, 'name'], port.name, ianaServiceName, ports);
    }
  }
  const volumes = new Set<string>();
  for (const [i, volume] of entries(spec.volumes)) check([...specPath, 'volumes', i, 'name'], volume.name, dns1123Label, volumes);
  return results;
}

function checkSelectorLabels(object: KubeObject, path: Path): Result[] {
  const selector = at(object, path);
  return isRecord(selector) ? checkLabels(object, [...path, 'matchLabels']) : [];
}

/** Two objects with the same group, kind, namespace and name: one would silently replace the other. */
function checkIdentities(objects: readonly KubeObject[]): Result[] {
  const seen = new Set<string>();
  return objects.flatMap((object) => {
    const key = [groupOf(object.apiVersion), object.kind, namespaceOf(object), nameOf(object)].join('\u0000');
    if (!seen.has(key)) {
      seen.add(key);
      return [];
    }
    return [finding(object, 'duplicate-object', ['metadata', 'name'], `${describeObject(object)} is generated twice`)];
  });
}

/** HPA metrics: a name is a path segment (no "/", no "%", not "." or ".."), a selector holds valid labels. */
function checkMetricNames(object: KubeObject): Result[] {
  return entries(at(object, ['spec', 'metrics'])).flatMap(([i, metric]) => {
    const source = typeof metric.type === 'string' ? `${metric.type[0]!.toLowerCase()}${metric.type.slice(1)}` : '';
    const path: Path = ['spec', 'metrics', i, source, 'metric'];
    const name = at(object, [...path, 'name']);
    const results = checkSelectorLabels(object, [...path, 'selector']);
    const problem = name === undefined ? undefined : typeof name === 'string' ? metricName(name) : 'not a string';
    if (problem) results.push(finding(object, 'invalid-name', [...path, 'name'], `${JSON.stringify(name)} is ${problem}`));
    return results;
  });
}

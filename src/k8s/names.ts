// The name, label and host rules the API server applies (apimachinery validation). The config schema shows the
// patterns to editors, the rules and renderers ask the predicates, the post-render checks ask them of the
// rendered objects: one definition for all three.

export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** A label or annotation key as a pattern editors can check; qualifiedName() adds the length of each part. */
export const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
/** An Ingress host: a DNS-1123 subdomain, optionally behind one "*." wildcard label. IP addresses are refused by hostProblem(). */
export const INGRESS_HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A host a program connects to: a DNS name of one label or more (hosts are case-insensitive) or an IP address. */
export const HOST = /^([A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const IANA_SERVICE_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;

export const MAX = { label: 63, subdomain: 253, portName: 15 } as const;

/** Undefined when valid, else why not (a phrase that follows "is"). */
export type NameProblem = string | undefined;

export function dns1123Label(value: string): NameProblem {
  if (value.length > MAX.label) return `longer than 63 characters (${value.length}), so not a DNS-1123 label`;
  return DNS_1123_LABEL.test(value) ? undefined : 'not a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit)';
}

export function dns1123Subdomain(value: string): NameProblem {
  if (value.length > MAX.subdomain) return `longer than 253 characters (${value.length}), so not a DNS-1123 subdomain`;
  return DNS_1123_SUBDOMAIN.test(value) ? undefined : 'not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")';
}

export function dns1035Label(value: string): NameProblem {
  if (value.length > MAX.label) return `longer than 63 characters (${value.length}), so not a DNS-1035 label`;
  return DNS_1035_LABEL.test(value) ? undefined : 'not a DNS-1035 label (lowercase letters, digits and "-", starting with a letter)';
}

/** A label or annotation key: an optional DNS-subdomain prefix and "/", then a name of at most 63 characters. */
export function qualifiedName(key: string): NameProblem {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix === '') return 'a key with an empty prefix before "/"';
    const problem = dns1123Subdomain(prefix);
    if (problem) return `a key whose prefix is ${problem}`;
  }
  if (name.length > MAX.label) return `a key whose name part is longer than 63 characters (${name.length})`;
  return QUALIFIED_NAME_PART.test(name) ? undefined : 'not a qualified name (letters, digits, "-", "_" and ".", starting and ending with a letter or digit)';
}

/** A key of the label-key shape whose parts keep their lengths (a key of another shape is the pattern's error alone). */
export const isQualifiedNameWithinLimits = (key: string): boolean => !QUALIFIED_NAME.test(key) || qualifiedName(key) === undefined;

export function labelValue(value: string): NameProblem {
  if (value.length > MAX.label) return `longer than 63 characters (${value.length}), so not a label value`;
  return LABEL_VALUE.test(value) ? undefined : 'not a label value (letters, digits, "-", "_" and ".", starting and ending with a letter or digit)';
}

/** A container port name: an IANA service name (at most 15 characters, at least one letter, no "--"). */
export function ianaServiceName(value: string): NameProblem {
  if (value.length > MAX.portName) return `longer than 15 characters (${value.length}), so not a port name`;
  if (!IANA_SERVICE_NAME.test(value) || value.includes('--') || !/[a-z]/.test(value)) {
    return 'not a port name (lowercase letters, digits and "-", with at least one letter)';
  }
  return undefined;
}

export const isIpAddress = (value: string): boolean => IPV4.test(value) || (value.includes(':') && /^[0-9A-Fa-f:.]+$/.test(value));
export const isNotIpAddress = (value: string): boolean => !isIpAddress(value);
/** A value of the Ingress host shape is a DNS name, not an IP address (a value of another shape is the pattern's error alone). */
export const isIngressHostName = (value: string): boolean => !INGRESS_HOST.test(value) || !isIpAddress(value);

/** An Ingress rule's host as the API server checks it: a DNS name (a leading "*." allowed), never an IP address. */
export function ingressHost(value: string): NameProblem {
  if (isIpAddress(value)) return 'an IP address; an Ingress host must be a DNS name';
  if (value.length > MAX.subdomain) return `longer than 253 characters (${value.length})`;
  return INGRESS_HOST.test(value) ? undefined : 'not a DNS name (lowercase letters, digits, "-" and ".", optionally starting with "*.")';
}

/** What an HPA accepts as a metric name: a URL path segment (no "/" or "%", not "." or ".."). */
export const METRIC_NAME = /^(?!\.{1,2}$)[^/%\u0000-\u001f\u007f]+$/;

export const metricName = (value: string): NameProblem =>
  METRIC_NAME.test(value) ? undefined : 'not a metric name (no "/", "%" or control characters, not "." or "..")';

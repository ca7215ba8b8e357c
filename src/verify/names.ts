// The name and label rules the API server applies (apimachinery validation), which the OpenAPI schemas do not
// carry. Written apart from config/schema.ts on purpose: a check that shares the code it checks proves little.
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SERVICE_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Undefined when valid, else why not (a phrase that follows "must be"/"is"). */
export type NameProblem = string | undefined;

export function dns1123Label(value: string): NameProblem {
  if (value.length > 63) return `longer than 63 characters (${value.length}), so not a DNS-1123 label`;
  return DNS_1123_LABEL.test(value) ? undefined : 'not a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit)';
}

export function dns1123Subdomain(value: string): NameProblem {
  if (value.length > 253) return `longer than 253 characters (${value.length}), so not a DNS-1123 subdomain`;
  return DNS_1123_SUBDOMAIN.test(value) ? undefined : 'not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")';
}

export function dns1035Label(value: string): NameProblem {
  if (value.length > 63) return `longer than 63 characters (${value.length}), so not a DNS-1035 label`;
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
  if (name.length > 63) return `a key whose name part is longer than 63 characters (${name.length})`;
  return QUALIFIED_NAME_PART.test(name) ? undefined : 'not a qualified name (letters, digits, "-", "_" and ".", starting and ending with a letter or digit)';
}

export function labelValue(value: string): NameProblem {
  if (value.length > 63) return `longer than 63 characters (${value.length}), so not a label value`;
  return LABEL_VALUE.test(value) ? undefined : 'not a label value (letters, digits, "-", "_" and ".", starting and ending with a letter or digit)';
}

/** A container port name: an IANA service name (at most 15 characters, at least one letter, no "--"). */
export function ianaServiceName(value: string): NameProblem {
  if (value.length > 15) return `longer than 15 characters (${value.length}), so not a port name`;
  if (!IANA_SERVICE_NAME.test(value) || value.includes('--') || !/[a-z]/.test(value)) {
    return 'not a port name (lowercase letters, digits and "-", with at least one letter)';
  }
  return undefined;
}

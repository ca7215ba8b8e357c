// The API server's rule for Ingress paths of type Prefix and Exact (ImplementationSpecific is left to the controller).
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

export type PathType = 'Prefix' | 'Exact' | 'ImplementationSpecific';

/** Undefined when the API server accepts `path` for `pathType`, else why not. */
export function ingressPathProblem(path: string, pathType: string): string | undefined {
  if (!path.startsWith('/')) return 'must be an absolute path (start with "/")';
  if (pathType === 'ImplementationSpecific') return undefined;
  const sequence = INVALID_SEQUENCES.find((s) => path.includes(s));
  if (sequence) return `must not contain "${sequence}" in a ${pathType} path`;
  const suffix = INVALID_SUFFIXES.find((s) => path.endsWith(s));
  return suffix ? `must not end with "${suffix}" in a ${pathType} path` : undefined;
}

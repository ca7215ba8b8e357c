// Image references by the grammar container runtimes parse (distribution/reference, the OCI reference):
//   reference := [registry "/"] repository [":" tag] ["@" digest]
// The config gives the parts apart, so each part is checked on its own and the whole for its length.

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:.]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';

/** Registry host (with an optional port) and repository path, no scheme: asia-east1-docker.pkg.dev/tomoda/repo. */
export const IMAGE_REGISTRY = new RegExp(`^(?:${DOMAIN}|${PATH_COMPONENT})(?:/${PATH_COMPONENT})*/?$`);
/** The repository inside the registry: lowercase path components, no tag or digest. */
export const IMAGE_NAME = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** A digest of a registered algorithm: sha256, sha384 or sha512 with its hex length. */
export const IMAGE_DIGEST = /^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;
/** The repository name (registry and path) is at most 255 characters. */
export const MAX_IMAGE_NAME = 255;

export interface ImageParts {
  registry?: string;
  name: string;
  tag: string;
  digest?: string;
}

/** The reference a pod pulls: registry/name:tag, or registry/name@digest when a digest pins it. */
export function imageReference(image: ImageParts): string {
  const name = repositoryOf(image);
  return image.digest ? `${name}@${image.digest}` : `${name}:${image.tag}`;
}

export const repositoryOf = (image: Pick<ImageParts, 'registry' | 'name'>): string =>
  image.registry ? `${image.registry.replace(/\/+$/, '')}/${image.name}` : image.name;

/** The parts of a reference as a pod spec gives it, the inverse of imageReference: the name is the last path part. */
export function splitImageReference(reference: string): { repository: string; registry?: string; name: string; tag?: string; digest?: string } {
  const at = reference.indexOf('@');
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  const withTag = at === -1 ? reference : reference.slice(0, at);
  const colon = withTag.lastIndexOf(':');
  const tag = colon > withTag.lastIndexOf('/') ? withTag.slice(colon + 1) : undefined;
  const repository = tag === undefined ? withTag : withTag.slice(0, colon);
  const slash = repository.lastIndexOf('/');
  return {
    repository,
    ...(slash === -1 ? {} : { registry: repository.slice(0, slash) }),
    name: repository.slice(slash + 1),
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

// Which objects this function made, and for which TomodaApp. Under kpt the output is kept as files and handed back
// on the next run; an object the function no longer makes (a removed pool) must then go, and nothing else may.
// Labels cannot tell: users copy `app.kubernetes.io/part-of` and `managed-by` onto their own objects (and onto the
// TomodaApp itself). So each object the function writes into a package carries a mark: the owning TomodaApp's name
// and a fingerprint of that name with the object's own identity. An object copied and renamed by hand, or a mark
// pasted onto another object, no longer matches its fingerprint and is left alone. The same facts decide which item
// of a generated object's name a run may overwrite (its own earlier output) and which it must refuse to.
import { ANNOTATION, FUNCTION_NAME, LABEL } from '../constants.js';
import type { ItemHead } from '../io/item-head.js';
import type { KubeObject } from '../render/index.js';
import { error, type ResourceRef, type Result } from '../results.js';
import { CHECKED_KINDS } from '../verify/kinds.js';
import { locationOf, pathOf } from './annotations.js';

/** What a fingerprint covers: the object's identity. */
export interface Identity {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

export const identityOf = (object: KubeObject): Identity => ({
  apiVersion: object.apiVersion,
  kind: object.kind,
  ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
  name: object.metadata.name,
});

/** The object `ref` names (its namespace aside: a runner may have defaulted it). */
export const sameObject = (object: Identity, ref: ResourceRef | undefined): boolean =>
  ref !== undefined && object.apiVersion === ref.apiVersion && object.kind === ref.kind && object.name === ref.name;

/**
 * Only a kind the function emits is ever pruned: an unknown kind, the TomodaApp itself or a user's CRD is never ours,
 * whatever it carries. The list of emitted kinds is the one the post-render checks keep (verify/kinds.ts).
 */
export const isEmittedKind = (object: Identity): boolean => Object.hasOwn(CHECKED_KINDS, `${object.apiVersion}/${object.kind}`);

/** The mark's value: `<TomodaApp name>/<fingerprint>`. A TomodaApp's name is a DNS label, so it holds no `/`. */
export const ownerMark = (owner: string, object: Identity): string => `${owner}/${fingerprint(owner, object)}`;

/** True when `object` carries the mark this function writes on objects it generates for the TomodaApp `owner`. */
export function isMarkedFor(object: Identity, annotations: Readonly<Record<string, string>>, owner: string): boolean {
  const mark = annotations[ANNOTATION.generatedFor];
  return mark !== undefined && mark === ownerMark(owner, object);
}

/**
 * Whether an item with the identity of an object this run generates may be overwritten by it: the item carries this
 * TomodaApp's mark or, for output written where no mark is (kustomize and Argo CD, a package rendered before the
 * mark existed), the labels the function puts on every object it generates for it. Anything else is someone's own
 * object that happens to have that kind, namespace and name: overwriting it would lose it.
 */
export const mayReplace = (head: ItemHead, owner: string): boolean =>
  isMarkedFor(head, head.annotations, owner) || (head.labels[LABEL.managedBy] === FUNCTION_NAME && head.labels[LABEL.partOf] === owner);

/** The error for an item `mayReplace` refused: nothing is written, so nothing is lost. */
export function nameTakenResult(head: ItemHead, owner: string): Result {
  const path = pathOf(head.annotations);
  const name = head.namespace ? `${head.namespace}/${head.name}` : `${head.name}`;
  return {
    ...error(
      'name-taken',
      [],
      `${head.kind} ${name}${path === undefined ? '' : ` (${path})`} was not generated for ${owner}, but ${owner} generates a ${head.kind} of that name; ` +
        `rename or remove this one, or label it ${LABEL.managedBy}: ${FUNCTION_NAME} and ${LABEL.partOf}: ${owner} to hand it over`,
    ),
    ...locationOf(head),
  };
}

/**
 * 64-bit FNV-1a over the UTF-8 bytes of the owner and the identity, as 16 hex digits. Not a secret: it only has to
 * be something nobody writes by accident, and the same on every run (deterministic output, idempotent reruns).
 */
export function fingerprint(owner: string, object: Identity): string {
  const text = [FUNCTION_NAME, owner, object.apiVersion ?? '', object.kind ?? '', object.namespace ?? '', object.name ?? ''].join('\u0000');
  let hash = FNV_OFFSET;
  for (const byte of UTF8.encode(text)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return hash.toString(16).padStart(16, '0');
}

const UTF8 = new TextEncoder();
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

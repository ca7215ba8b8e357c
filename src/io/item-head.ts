// What the function needs to know of a pass-through item, read from its text without a document model:
// apiVersion, kind, name, namespace, and a few runner annotations and labels. The reader only accepts the
// plain block style kustomize and kpt write, with scalars as scalar-grammar.ts reads them; anything else (flow
// maps, anchors, tags, multi-line values, values that are not strings) returns undefined and the caller parses
// that one item with the full YAML parser instead, where headOf decides. Both paths give the same head.
import { parseDocument } from 'yaml';
import { InputError } from './input-error.js';
import { oversizedToken } from './limits.js';
import { Declined, indentOf, isBlockScalarHeader, isContent, scalarValue, splitKeyLine, stringScalar } from './scalar-grammar.js';

export interface ItemHead {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
}

/** Reads the head of a column-0 block map, given as lines. Undefined when the text is anything the cheap reader does not fully understand. */
export function readItemHeadOfLines(lines: readonly string[], wanted: (key: string) => boolean): ItemHead | undefined {
  const top = readBlockMap(lines, 0);
  if (!top) return undefined;
  const head: ItemHead = { annotations: {}, labels: {} };
  for (const [key, entry] of top) {
    if (key === 'apiVersion' || key === 'kind') {
      const value = identityOf(entry);
      if (value === DECLINE) return undefined;
      if (value !== undefined) head[key] = value;
    } else if (key === 'metadata') {
      if (entry.inline !== '') return undefined;
      const metadata = readBlockMap(entry.lines, firstIndent(entry.lines));
      if (!metadata || !readMetadata(metadata, head, wanted)) return undefined;
    }
  }
  return head;
}

function readMetadata(metadata: BlockMap, head: ItemHead, wanted: (key: string) => boolean): boolean {
  for (const [key, entry] of metadata) {
    if (key === 'name' || key === 'namespace') {
      const value = identityOf(entry);
      if (value === DECLINE) return false;
      if (value !== undefined) head[key] = value;
    } else if (key === 'annotations' || key === 'labels') {
      if (entry.inline === '{}' && !entry.lines.length) continue;
      if (entry.inline !== '') return false;
      const map = readBlockMap(entry.lines, firstIndent(entry.lines));
      if (!map) return false;
      for (const [k, v] of map) {
        if (!wanted(k)) {
          if (!isPlausibleValue(v)) return false;
          continue;
        }
        const value = v.lines.length ? undefined : stringScalar(v.inline);
        if (value === undefined) return false;
        head[key][k] = value;
      }
    }
  }
  return true;
}

const DECLINE = Symbol('decline');

/** An annotation or label the function does not read is still checked to be a scalar `yaml` reads: a one-line scalar, or a block scalar. */
function isPlausibleValue(entry: Entry): boolean {
  if (entry.lines.length) return isBlockScalarHeader(entry.inline);
  try {
    scalarValue(entry.inline);
    return true;
  } catch (e) {
    if (e instanceof Declined) return false;
    throw e;
  }
}

/** An identity field: its string, undefined when null, DECLINE for anything else (the full path then reports it). */
function identityOf(entry: Entry): string | undefined | typeof DECLINE {
  if (entry.lines.length) return DECLINE; // a multi-line value, a map or a list
  try {
    const value = scalarValue(entry.inline);
    return typeof value === 'string' ? value : value === null ? undefined : DECLINE;
  } catch (e) {
    if (e instanceof Declined) return DECLINE;
    throw e;
  }
}

interface Entry {
  /** Text after "key:" on the same line ('' when the value starts on the next line). */
  inline: string;
  /** The content lines below the key that belong to its value. */
  lines: string[];
}
type BlockMap = Map<string, Entry>;

/** Splits lines at `indent` into keys; undefined on duplicate keys or any line it cannot classify. */
function readBlockMap(lines: readonly string[], indent: number): BlockMap | undefined {
  const map: BlockMap = new Map();
  let current: Entry | undefined;
  for (const line of lines) {
    if (!isContent(line)) continue;
    const lineIndent = indentOf(line);
    if (lineIndent > indent) {
      if (!current) return undefined;
      current.lines.push(line);
      continue;
    }
    if (lineIndent < indent) return undefined;
    const text = line.slice(indent);
    if (current && current.inline === '' && (text === '-' || text.startsWith('- '))) {
      current.lines.push(line); // a block sequence written at its key's indentation, as kyaml does
      continue;
    }
    const keyLine = splitKeyLine(text);
    if (!keyLine || map.has(keyLine.key)) return undefined;
    current = { inline: keyLine.rest, lines: [] };
    map.set(keyLine.key, current);
  }
  return map;
}

const firstIndent = (lines: string[]): number => {
  const first = lines.find(isContent);
  return first === undefined ? 0 : indentOf(first);
};

/** The same head, read by the full parser: the fallback for items the cheap reader declines. */
export function parseItemHead(text: string, wanted: (key: string) => boolean): ItemHead | undefined {
  if (oversizedToken(text)) throw new Error('a value too large to compose'); // the caller then hands the list to the guarded parser
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw doc.errors[0];
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  return isRecord(value) ? headOf(value, wanted) : undefined;
}

/**
 * The head of an item's value. apiVersion, kind, name and namespace name the object (the function replaces the one
 * it generates with the same four): one that is there but not a string (`name: 123`) is refused, as the API server
 * refuses it, rather than read as a string on one path and as a number on another. Annotations and labels the
 * function reads are taken when they are strings.
 */
export function headOf(value: unknown, wanted: (key: string) => boolean, where = 'an item'): ItemHead {
  const object = isRecord(value) ? value : {};
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const pick = (map: unknown): Record<string, string> =>
    isRecord(map) ? Object.fromEntries(Object.entries(map).filter(([k, v]) => wanted(k) && typeof v === 'string') as Array<[string, string]>) : {};
  const identity = (field: string, v: unknown): Record<string, string> => {
    if (typeof v === 'string') return { [field.replace('metadata.', '')]: v };
    if (v === null || v === undefined) return {};
    if (typeof v === 'object') throw new InputError(`${where}: ${field} is ${Array.isArray(v) ? 'a list' : 'a map'}, not a string`);
    throw new InputError(`${where}: ${field} is the ${typeof v} ${String(v)}, not a string; Kubernetes refuses it: write it in quotes ("${String(v)}")`);
  };
  return {
    ...identity('apiVersion', object.apiVersion),
    ...identity('kind', object.kind),
    ...identity('metadata.name', metadata.name),
    ...identity('metadata.namespace', metadata.namespace),
    annotations: pick(metadata.annotations),
    labels: pick(metadata.labels),
  } as ItemHead;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

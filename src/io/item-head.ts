// What the function needs to know of a pass-through item, read from its text without a document model:
// apiVersion, kind, name, namespace, and a few runner annotations and labels. The reader only accepts the
// plain block style kustomize and kpt write; anything else (flow maps, anchors, tags, multi-line values)
// returns undefined and the caller parses that one item with the full YAML parser instead.
import { parseDocument } from 'yaml';
import { oversizedToken } from './limits.js';
import { withoutTrailingComment } from './text.js';

export interface ItemHead {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
}

const KEY_LINE = /^([A-Za-z][\w.\/-]*):(?: +(.*))?$/;
const SAFE_PLAIN = /^[A-Za-z0-9_./-][A-Za-z0-9_./:=+@-]*$/;

/** Reads the head of a column-0 block map, given as lines. Undefined when the text is anything the cheap reader does not fully understand. */
export function readItemHeadOfLines(lines: readonly string[], wanted: (key: string) => boolean): ItemHead | undefined {
  const top = readBlockMap(lines, 0);
  if (!top) return undefined;
  const head: ItemHead = { annotations: {}, labels: {} };
  for (const [key, entry] of top) {
    if (key === 'apiVersion' || key === 'kind') {
      const value = entry.inline === undefined ? undefined : scalar(entry.inline);
      if (value === undefined) return undefined;
      head[key] = value;
    } else if (key === 'metadata') {
      if (entry.inline !== undefined && entry.inline !== '') return undefined;
      const metadata = readBlockMap(entry.lines, indentOf(entry.lines));
      if (!metadata || !readMetadata(metadata, head, wanted)) return undefined;
    }
  }
  return head;
}

function readMetadata(metadata: BlockMap, head: ItemHead, wanted: (key: string) => boolean): boolean {
  for (const [key, entry] of metadata) {
    if (key === 'name' || key === 'namespace') {
      const value = entry.inline === undefined ? undefined : scalar(entry.inline);
      if (value === undefined) return false;
      head[key] = value;
    } else if (key === 'annotations' || key === 'labels') {
      if (entry.inline === '{}') continue;
      if (entry.inline !== undefined && entry.inline !== '') return false;
      const map = readBlockMap(entry.lines, indentOf(entry.lines), true);
      if (!map) return false;
      for (const [k, v] of map) {
        if (!wanted(k)) continue;
        const value = v.inline === undefined ? undefined : scalar(v.inline);
        if (value === undefined) return false;
        head[key][k] = value;
      }
    }
  }
  return true;
}

interface Entry {
  /** Text after "key:" on the same line ('' when the value starts on the next line). */
  inline?: string;
  /** The lines below the key that belong to its value. */
  lines: string[];
}
type BlockMap = Map<string, Entry>;

/** Splits lines at `indent` into keys; undefined on duplicate keys or any line it cannot classify. */
function readBlockMap(lines: readonly string[], indent: number, quotedKeys = false): BlockMap | undefined {
  const map: BlockMap = new Map();
  let current: Entry | undefined;
  for (const line of lines) {
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lineIndent = line.length - trimmed.length;
    if (lineIndent > indent) {
      if (!current) return undefined;
      current.lines.push(line);
      continue;
    }
    if (lineIndent < indent) return undefined;
    if (current && current.inline === '' && (trimmed === '-' || trimmed.startsWith('- '))) {
      current.lines.push(line); // a block sequence written at its key's indentation, as kyaml does
      continue;
    }
    const match = KEY_LINE.exec(trimmed) ?? (quotedKeys ? quotedKeyLine(trimmed) : null);
    if (!match) return undefined;
    const key = match[1]!;
    if (map.has(key)) return undefined;
    current = { inline: (match[2] ?? '').trim(), lines: [] };
    map.set(key, current);
  }
  return map;
}

function quotedKeyLine(line: string): RegExpExecArray | null {
  const match = /^(['"])(.*?)\1:(?: +(.*))?$/.exec(line);
  if (!match) return null;
  const key = scalar(`${match[1]}${match[2]}${match[1]}`);
  if (key === undefined) return null;
  return Object.assign([line, key, match[3]], { index: 0, input: line }) as unknown as RegExpExecArray;
}

/** A one-line scalar's string value, or undefined if it is not a simple string. */
function scalar(raw: string): string | undefined {
  const text = withoutTrailingComment(raw);
  if (text.startsWith("'")) return /^'([^']|'')*'$/.test(text) ? text.slice(1, -1).replaceAll("''", "'") : undefined;
  if (text.startsWith('"')) {
    if (!/^"([^"\\]|\\["\\/bfnrt])*"$/.test(text)) return undefined;
    try {
      return JSON.parse(text) as string;
    } catch {
      return undefined;
    }
  }
  return SAFE_PLAIN.test(text) ? text : undefined;
}

const indentOf = (lines: string[]): number => {
  const first = lines.find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  return first === undefined ? 0 : first.length - first.trimStart().length;
};

/** The same head, read by the full parser: the fallback for items the cheap reader declines. */
export function parseItemHead(text: string, wanted: (key: string) => boolean): ItemHead | undefined {
  if (oversizedToken(text)) throw new Error('a value too large to compose'); // the caller then hands the list to the guarded parser
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw doc.errors[0];
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  return isRecord(value) ? headOf(value, wanted) : undefined;
}

export function headOf(value: unknown, wanted: (key: string) => boolean): ItemHead {
  const object = isRecord(value) ? value : {};
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const pick = (map: unknown): Record<string, string> =>
    isRecord(map) ? Object.fromEntries(Object.entries(map).filter(([k, v]) => wanted(k) && typeof v === 'string') as Array<[string, string]>) : {};
  return {
    ...(typeof object.apiVersion === 'string' ? { apiVersion: object.apiVersion } : {}),
    ...(typeof object.kind === 'string' ? { kind: object.kind } : {}),
    ...(typeof metadata.name === 'string' ? { name: metadata.name } : {}),
    ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
    annotations: pick(metadata.annotations),
    labels: pick(metadata.labels),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// What the function needs to know of a pass-through item, read from its text without a document model:
// apiVersion, kind, name, namespace, and a few runner annotations and labels. The reader only accepts the
// plain block style kustomize and kpt write, with scalars as scalar-grammar.ts reads them; anything else (flow
// maps, anchors, tags, multi-line values, values that are not strings) returns undefined and the caller parses
// that one item with the full YAML parser instead, where headOf decides. Both paths give the same head.
import { parseDocument } from 'yaml';
import { InputError } from './input-error.js';
import { oversizedToken } from './limits.js';
import { Declined, isBlockScalarHeader, scalarValue, splitKeyLine, stringScalar, trimWhiteStart } from './scalar-grammar.js';

export interface ItemHead {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
}

/**
 * Reads the head of an item given as text at column 0, in one pass over its lines by offsets (a list of 20,000 items
 * is 400,000 lines: no line becomes a string unless it holds a key the head needs or a line below it goes deeper),
 * and checks on the way that the lines nest as block YAML nests (see Nesting). Undefined when the text is anything
 * the cheap reader does not fully understand, or does not nest: the caller then parses the item with `yaml`, which
 * reads it or words the error (the head reader alone would pass a mis-indented body through as if it were YAML).
 */
export function readItemHead(text: string, wanted: (key: string) => boolean): ItemHead | undefined {
  const nesting = new Nesting(text);
  const head = new HeadReader(text, wanted);
  for (let pos = 0; pos <= text.length;) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    let k = pos;
    while (text.charCodeAt(k) === 32) k++;
    const content = nesting.line(k - pos, k, eol);
    if (content === undefined) return undefined;
    if (content && !head.line(k - pos, k, eol)) return undefined;
    pos = eol + 1;
  }
  return head.end();
}

/**
 * A cheap check that an item's lines nest as block YAML nests: a line deeper than the one above follows a line that
 * opens something (`key:`, `- `, a block scalar, an open flow collection or quote, an anchor or tag alone), a line
 * that comes back comes back to a column a line above it opened, and sequence entries and map keys do not share a
 * column (but for a sequence written at its key's column). Lines inside a block scalar are skipped. An item that
 * fails it (a mis-indented line, or a multi-line plain scalar) is left to `yaml`.
 */
class Nesting {
  private readonly open: Column[] = [];
  /** The line above ([start, end) after its indentation), whose shape is worked out only when a line goes deeper under it. */
  private previousIndent = -1;
  private previousStart = 0;
  private previousEnd = 0;
  // Stryker disable next-line BooleanLiteral: read only when a line comes back to an open column, and the line that opened it set it first
  private previousEntry = false;
  private previousClosed = false;
  /** The indentation of the line that starts a block scalar, while inside one, and of the scalar's first line. */
  private scalarAt = -1;
  // Stryker disable next-line UnaryOperator: read only while scalarAt >= 0, and both are set together when a block scalar starts
  private scalarIndent = -1;
  /** The most spaces of the empty lines since the line above, Infinity after a `#` line, 0 when none. */
  private skipped = 0;

  constructor(private readonly text: string) {}

  /**
   * The line [start - indent, end) whose indentation ends at `start`: whether it holds content for the head reader
   * (not blank, not a comment; a block scalar's lines included), or undefined when it breaks the nesting.
   */
  line(indent: number, start: number, end: number): boolean | undefined {
    const text = this.text;
    const c = start < end ? text.charCodeAt(start) : -1;
    if (c === 9) return undefined; // a tab after the indentation: yaml decides what the line is
    const content = c >= 0 && c !== 35; /* # */
    if (this.scalarAt >= 0) {
      if (c < 0 || indent >= this.scalarIndent) return content; // the scalar's lines, blank ones included
      if (indent > this.scalarAt) return undefined; // less indented than the scalar's first line (or an indentation indicator)
      this.scalarAt = this.scalarIndent = -1;
      this.previousClosed = true; // the scalar is complete: nothing deeper may follow
    }
    if (!content) {
      // Between a block scalar's header and its first line, yaml takes a `#` line for that first line, and refuses an
      // empty line more indented than it: the scalar is then left to yaml (Infinity: a `#` line, whatever its column).
      this.skipped = c === 35 /* # */ ? Infinity : Math.max(this.skipped, indent);
      return false;
    }
    const skipped = this.skipped;
    this.skipped = 0;
    const entry = c === 45 /* - */ && (start + 1 === end || text.charCodeAt(start + 1) === 32);
    const open = this.open;
    let column = open[open.length - 1];
    if (!column || indent > column.indent) {
      const shape = this.shapeOfPrevious();
      // Deeper under a scalar (a multi-line scalar, or a mistake), or under a block scalar whose column yaml works out.
      if (shape === 'closed' || shape === 'unread') return undefined;
      if (shape === 'block scalar') {
        if (skipped > indent) return undefined;
        this.scalarAt = this.previousIndent;
        this.scalarIndent = indent;
        return true;
      }
      open.push({ indent, entries: entry, compact: false });
    } else {
      while (open.length && open[open.length - 1]!.indent > indent) open.pop();
      column = open[open.length - 1];
      if (!column || column.indent !== indent) return undefined; // back to a column nothing opened
      if (column.entries !== entry) {
        // A sequence may sit at its key's column (`key:` then `- a`), as kyaml writes it; nothing else mixes.
        const compactStart = entry && this.previousIndent === indent && !this.previousEntry && this.shapeOfPrevious() === 'opens';
        if (!compactStart && !column.compact) return undefined;
        column.compact = entry;
      }
    }
    this.previousIndent = indent;
    this.previousStart = start;
    this.previousEnd = end;
    this.previousEntry = entry;
    this.previousClosed = false;
    return true;
  }

  private shapeOfPrevious(): Shape {
    if (this.previousClosed) return 'closed';
    return this.previousIndent < 0 ? 'opens' : lineShape(this.text.slice(this.previousStart, this.previousEnd));
  }
}

/** A column lines come back to: a sequence's entries, or a map's keys (which may hold a sequence written at their column). */
interface Column {
  indent: number;
  entries: boolean;
  compact: boolean;
}

type Shape = 'opens' | 'block scalar' | 'unread' | 'closed';

const PROPERTIES_ONLY = /^[&!]\S+(?:[ \t]+[&!]\S+)*(?:[ \t]+#.*)?$/;

/** What a line (without its indentation) leaves open for the lines below it. */
function lineShape(text: string): Shape {
  if (text === '-') return 'opens';
  if (text.startsWith('- ')) {
    const entry = lineShape(trimWhiteStart(text.slice(2)));
    return entry === 'block scalar' || entry === 'unread' ? entry : 'opens';
  }
  if (isBlockScalarHeader(text)) return headerShape(text);
  const keyLine = splitKeyLine(text);
  if (!keyLine) return 'closed';
  const rest = keyLine.rest;
  if (rest === '' || rest.startsWith('#') || ((rest.startsWith('&') || rest.startsWith('!')) && PROPERTIES_ONLY.test(rest))) return 'opens';
  if (isBlockScalarHeader(rest)) return headerShape(rest);
  if (rest.startsWith('[') || rest.startsWith('{') || rest.startsWith('"') || rest.startsWith("'")) return isClosed(rest) ? 'closed' : 'opens';
  return 'closed';
}

/**
 * A block scalar header's shape. With an indentation indicator (`|2`, `>-4`) its lines' column counts from the
 * parent node's, which this check does not work out: the lines below it are left to yaml ('unread').
 */
const headerShape = (header: string): Shape => (/[|>][-+]?[1-9]/.test(header) ? 'unread' : 'block scalar');

/** A one-line flow collection or quoted scalar whose brackets and quotes close on the line (unsure means open). */
function isClosed(text: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      // Stryker disable next-line StringLiteral: closing a single quote at the first of `''` and opening it at the second leaves the same state as skipping both
      else if (c === quote && quote === "'" && text[i + 1] === "'") i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) break;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth === 0 && quote === '';
}

/**
 * A block map being read: its keys' column (-1 until its first line), the keys seen, and the key being read with
 * the text after `key:` on its line and whether content lines lie below it.
 */
class MapLevel {
  indent: number;
  readonly seen: string[] = [];
  key: string | undefined = undefined;
  // Stryker disable next-line StringLiteral: read only once a key is set, and start() sets it with the key
  inline = '';
  // Stryker disable next-line BooleanLiteral: read only once a key is set, and start() sets it with the key
  deeper = false;

  constructor(indent = -1) {
    this.indent = indent;
  }

  /**
   * A content line at `indent` ([start, end) its text after the indentation): 'key' when it starts a key (the one
   * before it is complete), 'value' when it belongs to the current key's value, undefined when it is not a line of
   * a block map the reader understands (a duplicate key, a line left of the keys, anything but a simple key line).
   */
  kind(text: string, indent: number, start: number, end: number): 'key' | 'value' | undefined {
    if (this.indent < 0) this.indent = indent;
    if (indent > this.indent) return this.key === undefined ? undefined : 'value';
    if (indent < this.indent) return undefined;
    // A block sequence written at its key's indentation, as kyaml does, belongs to the key.
    const entry = text.charCodeAt(start) === 45 /* - */ && (start + 1 === end || text.charCodeAt(start + 1) === 32);
    return entry && this.key !== undefined && this.inline === '' ? 'value' : 'key';
  }

  /** Starts the key on the line [start, end); false when it is not a simple key line or the key is a duplicate. */
  start(text: string, start: number, end: number): boolean {
    const keyLine = splitKeyLine(text, start, end);
    if (!keyLine || this.seen.includes(keyLine.key)) return false;
    this.seen.push(keyLine.key);
    this.key = keyLine.key;
    this.inline = keyLine.rest;
    this.deeper = false;
    return true;
  }
}

/**
 * The head of a column-0 block map, read line by line: the top-level keys, metadata's keys, and the keys of its
 * annotations and labels. Every content line at one of those columns must be a simple key line (or a sequence
 * entry at its key's column); lines deeper than a key belong to its value and are not read.
 */
class HeadReader {
  private readonly head: ItemHead = { annotations: {}, labels: {} };
  private readonly top = new MapLevel(0);
  private metadata = new MapLevel();
  private map = new MapLevel(); // metadata's annotations or labels

  constructor(
    private readonly text: string,
    private readonly wanted: (key: string) => boolean,
  ) {}

  /** A content line at `indent`, its text after the indentation [start, end); false when the reader declines. */
  line(indent: number, start: number, end: number): boolean {
    const text = this.text;
    const { top, metadata, map } = this;
    const atTop = top.kind(text, indent, start, end);
    if (atTop === undefined) return false;
    if (atTop === 'key') {
      if (!this.endTopKey() || !top.start(text, start, end)) return false;
      if (top.key === 'metadata') {
        if (top.inline !== '') return false;
        this.metadata = new MapLevel();
      }
      return true;
    }
    top.deeper = true;
    if (top.key !== 'metadata') return true;
    const inMetadata = metadata.kind(text, indent, start, end);
    // Stryker disable next-line BooleanLiteral: undefined only for a line left of metadata's keys, which Nesting refuses first
    if (inMetadata === undefined) return false;
    if (inMetadata === 'key') {
      if (!this.endMetadataKey() || !metadata.start(text, start, end)) return false;
      if (metadata.key === 'annotations' || metadata.key === 'labels') this.map = new MapLevel();
      return true;
    }
    metadata.deeper = true;
    if (metadata.key !== 'annotations' && metadata.key !== 'labels') return true;
    // Stryker disable next-line BooleanLiteral: an early exit: endMetadataKey refuses the same key when it ends
    if (metadata.inline !== '') return false; // `labels: {}`, or a value on the key's line, with lines below
    const inMap = map.kind(text, indent, start, end);
    // Stryker disable next-line BooleanLiteral: undefined only for a line left of the map's keys, which Nesting refuses first
    if (inMap === undefined) return false;
    if (inMap === 'key') return this.endMapKey() && map.start(text, start, end);
    map.deeper = true;
    return true;
  }

  /** The head, once every line is read; undefined when the reader declines. */
  end(): ItemHead | undefined {
    return this.endTopKey() ? this.head : undefined;
  }

  private endTopKey(): boolean {
    const key = this.top.key;
    // The field names as constants: the key read from the text is a slice of it, which V8 would look up by value.
    if (key === 'apiVersion' || key === 'kind') return this.identity(key === 'kind' ? 'kind' : 'apiVersion', this.top);
    return key === 'metadata' ? this.endMetadataKey() : true;
  }

  private endMetadataKey(): boolean {
    const metadata = this.metadata;
    const key = metadata.key;
    if (key === 'name' || key === 'namespace') return this.identity(key === 'name' ? 'name' : 'namespace', metadata);
    if (key !== 'annotations' && key !== 'labels') return true;
    if (metadata.inline === '{}' && !metadata.deeper) return true;
    return metadata.inline === '' && this.endMapKey();
  }

  private endMapKey(): boolean {
    const { key, inline, deeper } = this.map;
    if (key === undefined) return true;
    if (!this.wanted(key)) return deeper ? isBlockScalarHeader(inline) : isScalar(inline);
    const value = deeper ? undefined : stringScalar(inline);
    if (value === undefined) return false;
    (this.metadata.key === 'labels' ? this.head.labels : this.head.annotations)[key] = value;
    return true;
  }

  /** An identity field: its string, nothing when null; false for anything else (the full path then reports it). */
  private identity(field: 'apiVersion' | 'kind' | 'name' | 'namespace', level: MapLevel): boolean {
    if (level.deeper) return false; // a multi-line value, a map or a list
    try {
      const value = scalarValue(level.inline);
      if (typeof value === 'string') this.head[field] = value;
      return typeof value === 'string' || value === null;
    } catch (e) {
      if (e instanceof Declined) return false;
      throw e;
    }
  }
}

/** An annotation or label the function does not read is still checked to be a one-line scalar `yaml` reads. */
function isScalar(inline: string): boolean {
  try {
    scalarValue(inline);
    return true;
  } catch (e) {
    if (e instanceof Declined) return false;
    throw e;
  }
}

/** The same head, read by the full parser: the fallback for items the cheap reader declines. */
export function parseItemHead(text: string, wanted: (key: string) => boolean): ItemHead | undefined {
  if (oversizedToken(text)) throw new Error('a value too large to compose'); // the caller then hands the list to the guarded parser
  // Stryker disable next-line ObjectLiteral: uniqueKeys is yaml's default (true); kept explicit because readItemHead refuses duplicate keys to match it
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

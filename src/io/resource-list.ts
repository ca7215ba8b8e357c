// Parse and serialise a ResourceList. Pass-through items are never re-serialised: each keeps its source
// text (comments, key order, `0644`, `on`, dates, quoting) and only its indentation moves. The block
// style that kustomize and kpt write is split by a line scanner; anything else (JSON, flow style,
// anchors across items) goes through the full YAML parser, which also produces the error messages.
import { Document, isMap, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import { ANNOTATION, RESOURCE_LIST_API_VERSION, RESOURCE_LIST_KIND } from '../constants.js';
import type { Result } from '../results.js';
import { emitBlockYaml } from './emit-block-yaml.js';
import { readBlockYaml } from './read-block-yaml.js';
import { headOf, parseItemHead, readItemHeadOfLines, type ItemHead } from './item-head.js';
import { oversizedToken } from './limits.js';
import { asMappingValue, asSequenceEntry, dedent, trimTrailingNewlines, withoutTrailingComment } from './text.js';

/** A user-facing problem with the input as a whole: reported on stderr, exit 1. */
export class InputError extends Error {}

export interface Item {
  /** The item as YAML text at column 0, without a trailing newline. */
  text: string;
  head: ItemHead;
}

export interface ResourceList {
  apiVersion: string;
  items: Item[];
  functionConfig?: { value: unknown; text: string };
}

const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false } as const;
const MAX_ALIAS_COUNT = 100;
const ACCEPTED_VERSIONS = [RESOURCE_LIST_API_VERSION, 'config.kubernetes.io/v1alpha1'];
const LEGACY_RUNNER_KEYS = new Set(['config.kubernetes.io/path', 'config.kubernetes.io/index', 'config.k8s.io/id', 'config.kubernetes.io/local-config']);

/** Annotations and labels the function reads from pass-through items. */
export const isTrackedKey = (key: string): boolean =>
  key.startsWith('internal.config.kubernetes.io/') || LEGACY_RUNNER_KEYS.has(key) || key.startsWith('app.kubernetes.io/') || key === ANNOTATION.generatedFor;

export function parseResourceList(text: string): ResourceList {
  if (text.trim() === '') throw new InputError('stdin is empty; expected a ResourceList (apiVersion: config.kubernetes.io/v1, kind: ResourceList)');
  try {
    return scanBlockResourceList(text) ?? parseWithDocumentModel(text);
  } catch (e) {
    // The readers recurse once per level of nesting; a hostile input can hold more levels than the stack.
    if (e instanceof RangeError) throw new InputError(TOO_DEEP);
    throw e;
  }
}

const TOO_DEEP = 'stdin is nested too deeply to read; a ResourceList needs a few dozen levels at most';

/** An alias (`*name`) may expand to far more than its text: such input goes to the parser, which limits aliases. */
const mayHoldAlias = (text: string): boolean => text.includes('*') && /(?:^|[\s[{,:-])\*[^\s\]},]/m.test(text);

// ---- fast path: the block style the runners write ------------------------------------------------

/**
 * A top-level key of the ResourceList: the value on its line, and where the lines below it lie in the text
 * ([start, end), end < 0 when there are none). Offsets, not line strings: a list of 20,000 items is 400,000
 * lines, and each item is split into lines only while it is read.
 */
interface Section {
  inline: string;
  start: number;
  end: number;
}

const TOP_KEY = /^([A-Za-z][\w.\/-]*):(?: +(.*))?$/;

function scanBlockResourceList(text: string): ResourceList | undefined {
  if (text.includes('\r') || mayHoldAlias(text)) return undefined;
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const sections = scanSections(body);
  if (!sections) return undefined;
  const kind = sections.get('kind')?.inline;
  const apiVersion = sections.get('apiVersion')?.inline;
  if (kind !== RESOURCE_LIST_KIND || !apiVersion || !ACCEPTED_VERSIONS.includes(apiVersion)) return undefined;
  const itemsSection = sections.get('items');
  if (!itemsSection) return undefined;
  const items = itemsSection.inline === '[]' ? [] : itemsSection.inline === '' ? scanItems(body, itemsSection) : undefined;
  if (!items) return undefined;
  const config = sections.get('functionConfig');
  return { apiVersion, items, ...(config ? { functionConfig: sectionValue(config, sectionLines(body, config)) } : {}) };
}

function scanSections(body: string): Map<string, Section> | undefined {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  let first = true;
  for (let pos = 0, eol = 0; pos <= body.length; pos = eol + 1) {
    eol = body.indexOf('\n', pos);
    if (eol < 0) eol = body.length;
    const c = body.charCodeAt(pos);
    if (eol === pos || c === 35 /* # */) {
      if (current) current.end = eol; // blank lines and comments belong to the value above (a block scalar may hold them)
      continue;
    }
    if (first && eol - pos === 3 && body.startsWith('---', pos)) {
      first = false;
      continue;
    }
    first = false;
    if (c === 32 /* space */ || c === 45 /* - */) {
      if (!current || body.startsWith('---', pos) || body.startsWith('-\t', pos)) return undefined;
      current.end = eol;
      continue;
    }
    const match = TOP_KEY.exec(body.slice(pos, eol));
    if (!match || sections.has(match[1]!)) return undefined;
    current = { inline: stripComment(match[2] ?? ''), start: eol + 1, end: -1 };
    sections.set(match[1]!, current);
  }
  return sections;
}

const sectionLines = (body: string, section: Section): string[] => (section.end < 0 ? [] : body.slice(section.start, section.end).split('\n'));

const stripComment = (value: string): string => (value.startsWith("'") || value.startsWith('"') ? value : withoutTrailingComment(value)).trim();

/** Splits the items block into entries (`- ` at the sequence's indentation) by offsets, then reads each entry. */
function scanItems(body: string, section: Section): Item[] | undefined {
  if (section.end < 0) return [];
  const entries: number[] = []; // start and end offsets, in pairs
  let seqIndent = -1;
  for (let pos = section.start, eol = 0; pos <= section.end; pos = eol + 1) {
    eol = body.indexOf('\n', pos);
    if (eol < 0 || eol > section.end) eol = section.end;
    let k = pos;
    while (k < eol && (body.charCodeAt(k) === 32 || body.charCodeAt(k) === 9)) k++;
    if (k === eol || body.charCodeAt(k) === 35 /* # */) {
      if (entries.length) entries[entries.length - 1] = eol;
      continue;
    }
    const indent = k - pos;
    if (seqIndent < 0) seqIndent = indent;
    if (indent > seqIndent) {
      if (!entries.length) return undefined;
      entries[entries.length - 1] = eol;
    } else if (indent === seqIndent && body.charCodeAt(k) === 45 /* - */ && (k + 1 === eol || body.charCodeAt(k + 1) === 32)) {
      entries.push(pos, eol);
    } else {
      return undefined;
    }
  }
  const items: Item[] = [];
  for (let i = 0; i < entries.length; i += 2) {
    const item = entryToItem(body.slice(entries[i]!, entries[i + 1]!).split('\n'), seqIndent);
    if (!item) return undefined;
    items.push(item);
  }
  return items;
}

function entryToItem(entry: string[], seqIndent: number): Item | undefined {
  const first = entry[0]!;
  const afterDash = first.slice(seqIndent + 1);
  const content = afterDash.trimStart();
  // The item's lines at column 0, split once: joined for the text, read as they are for the head.
  const lines: string[] = [];
  if (content === '' || content.startsWith('#')) {
    // `-` alone, or `- # a comment`: the map starts on a later line, at that line's indentation. The comment
    // and any lines before the map belong to the item and are kept.
    const firstContent = entry.find((line, i) => i > 0 && isContent(line));
    if (firstContent === undefined) return undefined;
    const column = indentOf(firstContent);
    let i = 1;
    if (content === '') while (entry[i] !== firstContent && entry[i]!.trim() === '') i++;
    else lines.push(content);
    for (; i < entry.length; i++) lines.push(withoutIndent(entry[i]!, column));
  } else {
    const column = seqIndent + 1 + (afterDash.length - content.length);
    lines.push(content);
    for (let i = 1; i < entry.length; i++) lines.push(withoutIndent(entry[i]!, column));
  }
  // Trailing blank lines stay: with keep chomping (|+) they are part of the value.
  const text = lines.join('\n');
  let head = readItemHeadOfLines(lines, isTrackedKey);
  if (!head) {
    try {
      head = parseItemHead(text, isTrackedKey);
    } catch {
      return undefined; // e.g. an alias to another item's anchor: let the full parser see the whole list
    }
  }
  return head ? { text, head } : undefined;
}

/** Removes up to `column` spaces of indentation (fewer where the line has fewer, e.g. a comment or a blank line). */
function withoutIndent(line: string, column: number): string {
  let strip = 0;
  while (strip < column && line.charCodeAt(strip) === 32) strip++;
  return strip === 0 ? line : line.slice(strip);
}

function sectionValue(section: Section, lines: string[]): { value: unknown; text: string } {
  const text = section.inline !== '' ? trimTrailingNewlines([section.inline, ...lines].join('\n')) : trimTrailingNewlines(dedentLines(lines, indentOf(lines.find(isContent) ?? '')));
  // The block style the runners write is read by the small reader; anything else, and every error, by `yaml`.
  const value = readBlockYaml(text) ?? documentValue(parseYaml(text, 'functionConfig'), 'functionConfig');
  return { value, text };
}

const isContent = (line: string): boolean => {
  const trimmed = line.trimStart();
  return trimmed !== '' && !trimmed.startsWith('#');
};
const indentOf = (line: string): number => line.length - line.trimStart().length;
const dedentLines = (lines: string[], column: number): string => lines.map((line) => line.slice(Math.min(column, indentOf(line)))).join('\n');

// ---- slow path: any YAML or JSON ---------------------------------------------------------------------

function parseWithDocumentModel(text: string): ResourceList {
  const doc = parseYaml(text, 'stdin');
  const root = documentValue(doc, 'stdin');
  if (!isRecord(root)) throw new InputError(`stdin must hold a ResourceList (a map with kind: ResourceList), not ${describe(root)}`);
  if (root.kind !== RESOURCE_LIST_KIND) {
    throw new InputError(`stdin must hold a ResourceList, but its kind is ${typeof root.kind === 'string' ? root.kind : 'missing'}`);
  }
  if (typeof root.apiVersion !== 'string' || !ACCEPTED_VERSIONS.includes(root.apiVersion)) {
    throw new InputError(`the ResourceList apiVersion must be ${RESOURCE_LIST_API_VERSION}, not ${JSON.stringify(root.apiVersion ?? null)}`);
  }
  const contents = doc.contents as Node;
  if (!isMap(contents)) throw new InputError('stdin must hold a ResourceList map');
  const flowList = contents.flow === true;
  const itemsNode = contents.get('items', true) as Node | undefined;
  if (itemsNode === undefined || itemsNode === null) throw new InputError('the ResourceList has no items; expected items: [] at least');
  if (!isSeq(itemsNode)) throw new InputError(`the ResourceList items must be a list, not ${describe(root.items)}`);
  const items = itemsNode.items.map((node, i) => {
    const value = (root.items as unknown[])[i];
    if (!isRecord(value)) throw new InputError(`items[${i}] must be a Kubernetes object (a map), not ${describe(value)}`);
    return { text: nodeText(text, node as Node, value, flowList), head: headOf(value, isTrackedKey) };
  });
  const configNode = contents.get('functionConfig', true) as Node | undefined;
  const functionConfig = configNode ? { value: root.functionConfig, text: nodeText(text, configNode, root.functionConfig, flowList) } : undefined;
  return { apiVersion: root.apiVersion, items, ...(functionConfig ? { functionConfig } : {}) };
}

/**
 * Items keep their source text, flow-style ones too, unless the whole ResourceList is flow style (JSON): that is
 * rewritten as block YAML, since the runners want block YAML back and kpt writes what it gets into the files.
 */
function nodeText(source: string, node: Node, value: unknown, flowList: boolean): string {
  if (isMap(node) && !flowList && node.range) {
    const [start, end] = node.range;
    const column = start - (source.lastIndexOf('\n', start - 1) + 1);
    return trimTrailingNewlines(dedent(source.slice(start, end), column));
  }
  return stringifyValue(value);
}

/** parseDocument, after refusing a value too large to compose in bounded memory (see limits.ts). */
function parseYaml(text: string, where: string): Document {
  const oversized = oversizedToken(text);
  if (oversized) throw new InputError(`${where} holds a single value of ${(oversized / 2 ** 20).toFixed(1)} MiB; no Kubernetes object has one above 4 MiB`);
  return parseDocument(text, PARSE_OPTIONS);
}

function documentValue(doc: Document, where: string): unknown {
  const problem = doc.errors[0];
  if (problem?.message.includes('Maximum call stack size exceeded')) throw new InputError(TOO_DEEP.replace('stdin', where));
  if (problem?.code === 'MULTIPLE_DOCS') throw new InputError(`${where} holds more than one YAML document; a ResourceList is a single document`);
  if (problem) throw new InputError(`${where} is not valid YAML: ${oneLine(problem.message)}`);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new InputError(`${where} is not usable YAML: ${oneLine((e as Error).message)}`);
  }
}

// ---- output ---------------------------------------------------------------------------------------------

/**
 * Block YAML that YAML 1.1 readers (go-yaml, kustomize) read back as the same strings: `on`, `0644` and dates get
 * quoted. The small writer handles what the renderers produce; `yaml` writes the rest, with the same bytes.
 */
export function stringifyValue(value: unknown): string {
  return emitBlockYaml(value) ?? stringifyWithYaml(value);
}

function stringifyWithYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  // A string key "<<" (from JSON input) must stay a string: YAML 1.1 readers such as go-yaml take a plain (and some a
  // quoted) << for a merge key, so it is written as !!str "<<".
  visit(doc, {
    Pair: (_, pair) => {
      if (isScalar(pair.key) && pair.key.value === '<<') Object.assign(pair.key, { tag: 'tag:yaml.org,2002:str', type: 'QUOTE_DOUBLE' });
    },
  });
  return trimTrailingNewlines(doc.toString({ lineWidth: 0, indentSeq: false }));
}

export interface OutputList {
  apiVersion: string;
  items: string[];
  functionConfig?: string;
  results: Result[];
}

export function serializeResourceList(list: OutputList): string {
  const parts = [`apiVersion: ${list.apiVersion}\nkind: ${RESOURCE_LIST_KIND}\n`];
  parts.push(list.items.length ? 'items:\n' : 'items: []\n');
  for (const item of list.items) parts.push(asSequenceEntry(item));
  if (list.functionConfig !== undefined) parts.push(asMappingValue('functionConfig', list.functionConfig));
  if (list.results.length) parts.push(`results:\n${list.results.map((r) => asSequenceEntry(stringifyValue(r))).join('')}`);
  return parts.join('');
}

const oneLine = (message: string): string => message.split('\n')[0]!.trim();

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `the ${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}

// The fast path: the block style kustomize and kpt write, split by a line scanner without a document model.
// Pass-through items keep their text (only their indentation moves); their heads are read by item-head.ts.
// Anything the scanner does not fully understand returns undefined and the whole list goes to the full parser
// (parse-document-list.ts), which gives the same result or the error; test/io/fast-and-full-paths.test.ts
// checks the two against each other.
import { RESOURCE_LIST_KIND } from '../constants.js';
import { parseItemHead, readItemHeadOfLines } from './item-head.js';
import { ACCEPTED_VERSIONS, isTrackedKey, type Item, type ResourceList } from './list-shape.js';
import { documentValue, parseYaml } from './yaml-document.js';
import { readBlockYaml } from './read-block-yaml.js';
import { indentOf, isBlockScalarHeader, isContent, splitKeyLine, stringScalar, trimWhiteStart } from './scalar-grammar.js';
import { entryLines, sectionText } from './text.js';

/**
 * An alias (`*name`) may expand to far more than its text, and may name an anchor in another item: such input goes
 * to the full parser, which limits aliases. An alias starts a node: at the start of a line, after `- `, `? ` or
 * `: `, or after `[`, `{`, `,` or `:` in flow. A `*` inside a scalar (a cron schedule `"*\/5 * * * *"`) is none.
 */
const mayHoldAlias = (text: string): boolean => text.includes('*') && /(?:^[ \t]*|[-?:][ \t]+|[:[{,][ \t]*)\*[^\s\]},]/m.test(text);

/**
 * A top-level key of the ResourceList: the value on its line, and where the lines below it lie in the text
 * ([start, end), end < 0 when there are none). Offsets, not line strings: a list of 20,000 items is 400,000
 * lines, and each item is split into lines only while it is read.
 */
export interface Section {
  inline: string;
  start: number;
  end: number;
}

/** The ResourceList, if `text` (LF line breaks, no control characters) is in the block style this scanner reads. */
export function scanBlockList(text: string): ResourceList | undefined {
  if (mayHoldAlias(text)) return undefined;
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const sections = splitSections(body);
  if (!sections) return undefined;
  const kind = stringScalar(sections.get('kind')?.inline ?? '');
  const apiVersion = stringScalar(sections.get('apiVersion')?.inline ?? '');
  if (kind !== RESOURCE_LIST_KIND || !apiVersion || !ACCEPTED_VERSIONS.includes(apiVersion)) return undefined;
  const itemsSection = sections.get('items');
  if (!itemsSection) return undefined;
  const items = itemsSection.inline === '[]' ? [] : itemsSection.inline === '' ? scanItems(body, itemsSection) : undefined;
  if (!items) return undefined;
  const config = sections.get('functionConfig');
  return { apiVersion, items, ...(config ? { functionConfig: sectionValue(config, sectionLines(body, config)) } : {}) };
}

/** The top-level keys of a block-style ResourceList by offsets; undefined for anything else. */
export function splitSections(body: string): Map<string, Section> | undefined {
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
    const keyLine = splitKeyLine(body.slice(pos, eol));
    if (!keyLine || sections.has(keyLine.key)) return undefined;
    current = { inline: keyLine.rest, start: eol + 1, end: -1 };
    sections.set(keyLine.key, current);
  }
  return sections;
}

export const sectionLines = (body: string, section: Section): string[] => (section.end < 0 ? [] : body.slice(section.start, section.end).split('\n'));

/** The items block split into entries (`- ` at the sequence's indentation), each as its lines at column 0. */
export function splitItems(body: string, section: Section): string[][] | undefined {
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
  const items: string[][] = [];
  for (let i = 0; i < entries.length; i += 2) {
    const lines = entryLines(body.slice(entries[i]!, entries[i + 1]!).split('\n'), seqIndent);
    if (!lines) return undefined;
    items.push(lines);
  }
  return items;
}

function scanItems(body: string, section: Section): Item[] | undefined {
  const entries = splitItems(body, section);
  if (!entries) return undefined;
  const items: Item[] = [];
  for (const lines of entries) {
    const item = entryToItem(lines);
    if (!item) return undefined;
    items.push(item);
  }
  return items;
}

function entryToItem(lines: string[]): Item | undefined {
  // Trailing blank lines stay: with keep chomping (|+) they are part of the value.
  const text = lines.join('\n');
  let head = indentsNest(lines) ? readItemHeadOfLines(lines, isTrackedKey) : undefined;
  if (!head) {
    try {
      head = parseItemHead(text, isTrackedKey);
    } catch {
      return undefined; // e.g. an alias to another item's anchor: let the full parser see the whole list
    }
  }
  return head ? { text, head } : undefined;
}

/**
 * A cheap check that an item's lines nest as block YAML nests: a line deeper than the one above follows a line that
 * opens something (`key:`, `- `, a block scalar, an open flow collection or quote, an anchor or tag alone), a line
 * that comes back comes back to a column a line above it opened, and sequence entries and map keys do not share a
 * column (but for a sequence written at its key's column). Lines inside a block scalar are skipped. An item that
 * fails it (a mis-indented line, or a multi-line plain scalar) is parsed by `yaml`, which reports the error or reads
 * the scalar: the head reader alone would pass a mis-indented body through as if it were YAML.
 */
function indentsNest(lines: readonly string[]): boolean {
  const open: Column[] = [];
  // The line above, whose shape is worked out only when a line goes deeper under it (a few times per item).
  let previous = { indent: -1, text: '', entry: false, closed: false };
  const shapeOfPrevious = (): Shape => (previous.closed ? 'closed' : previous.indent < 0 ? 'opens' : lineShape(previous.text));
  let scalarAt = -1; // the indentation of the line that starts a block scalar, while inside one
  let scalarIndent = -1; // the indentation of its first line
  for (const line of lines) {
    const indent = indentOf(line);
    if (line.charCodeAt(indent) === 9) return false; // a tab after the indentation: yaml decides what the line is
    if (scalarAt >= 0) {
      if (indent === line.length || indent >= scalarIndent) continue; // the scalar's lines, blank ones included
      if (indent > scalarAt) return false; // less indented than the scalar's first line (or an indentation indicator)
      scalarAt = scalarIndent = -1;
      previous.closed = true; // the scalar is complete: nothing deeper may follow
    }
    if (!isContent(line)) continue;
    const text = line.slice(indent);
    const entry = text === '-' || text.startsWith('- ');
    let column = open[open.length - 1];
    if (!column || indent > column.indent) {
      const shape = shapeOfPrevious();
      if (shape === 'closed') return false; // deeper under a scalar: a multi-line scalar, or a mistake
      if (shape === 'block scalar') {
        [scalarAt, scalarIndent] = [previous.indent, indent];
        continue;
      }
      open.push({ indent, entries: entry, compact: false });
    } else {
      while (open.length && open[open.length - 1]!.indent > indent) open.pop();
      column = open[open.length - 1];
      if (!column || column.indent !== indent) return false; // back to a column nothing opened
      if (column.entries !== entry) {
        // A sequence may sit at its key's column (`key:` then `- a`), as kyaml writes it; nothing else mixes.
        const compactStart = entry && previous.indent === indent && !previous.entry && shapeOfPrevious() === 'opens';
        if (!compactStart && !column.compact) return false;
        column.compact = entry;
      }
    }
    previous = { indent, text, entry, closed: false };
  }
  return true;
}

/** A column lines come back to: a sequence's entries, or a map's keys (which may hold a sequence written at their column). */
interface Column {
  indent: number;
  entries: boolean;
  compact: boolean;
}

type Shape = 'opens' | 'block scalar' | 'closed';

const PROPERTIES_ONLY = /^[&!]\S+(?:[ \t]+[&!]\S+)*(?:[ \t]+#.*)?$/;

/** What a line leaves open for the lines below it. */
function lineShape(text: string): Shape {
  if (text === '-') return 'opens';
  if (text.startsWith('- ')) return lineShape(trimWhiteStart(text.slice(2))) === 'block scalar' ? 'block scalar' : 'opens';
  if (isBlockScalarHeader(text)) return 'block scalar';
  const keyLine = splitKeyLine(text);
  if (!keyLine) return 'closed';
  const rest = keyLine.rest;
  if (rest === '' || rest.startsWith('#') || PROPERTIES_ONLY.test(rest)) return 'opens';
  if (isBlockScalarHeader(rest)) return 'block scalar';
  if (rest.startsWith('[') || rest.startsWith('{') || rest.startsWith('"') || rest.startsWith("'")) return isClosed(rest) ? 'closed' : 'opens';
  return 'closed';
}

/** A one-line flow collection or quoted scalar whose brackets and quotes close on the line (unsure means open). */
function isClosed(text: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote && quote === "'" && text[i + 1] === "'") i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) break;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth === 0 && quote === '';
}

function sectionValue(section: Section, lines: string[]): { value: unknown; text: string } {
  const text = sectionText(section.inline, lines);
  // The block style the runners write is read by the small reader; anything else, and every error, by `yaml`.
  const value = readBlockYaml(text) ?? documentValue(parseYaml(text, 'functionConfig'), 'functionConfig', text);
  return { value, text };
}

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
import { splitKeyLine, stringScalar } from './scalar-grammar.js';
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

function sectionValue(section: Section, lines: string[]): { value: unknown; text: string } {
  const text = sectionText(section.inline, lines);
  // The block style the runners write is read by the small reader; anything else, and every error, by `yaml`.
  const value = readBlockYaml(text) ?? documentValue(parseYaml(text, 'functionConfig'), 'functionConfig', text);
  return { value, text };
}

// The fast path: the block style kustomize and kpt write, split by a line scanner without a document model.
// Pass-through items keep their text (only their indentation moves); their heads are read by item-head.ts.
// Anything the scanner does not fully understand returns undefined and the whole list goes to the full parser
// (parse-document-list.ts), which gives the same result or the error; test/io/fast-and-full-paths.test.ts
// checks the two against each other.
import { RESOURCE_LIST_KIND } from '../constants.js';
import { parseItemHead, readItemHead } from './item-head.js';
import { ACCEPTED_VERSIONS, isTrackedKey, type Item, type ResourceList } from './list-shape.js';
import { documentValue, parseYaml } from './yaml-document.js';
import { readBlockYaml } from './read-block-yaml.js';
import { splitKeyLine, stringScalar } from './scalar-grammar.js';
import { entryLines, sectionText } from './text.js';

/**
 * An alias (`*name`) may expand to far more than its text, and may name an anchor in another item. An item or a
 * functionConfig that may hold one is read by `yaml` alone, which limits aliases; when that fails (an anchor outside
 * it, too many aliases), the whole list goes to the full parser, which words the error. An alias starts a node: at
 * the start of a line, after `- `, `? ` or `: `, or after `[`, `{`, `,` or `:` in flow. A `*` inside a scalar (a
 * cron schedule `"*\/5 * * * *"`) is none.
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
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const sections = splitSections(body);
  if (!sections) return undefined;
  // The keys the scanner does not read (results, anything else) go unread: an alias there is the full parser's.
  for (const [key, section] of sections) {
    if (key !== 'items' && key !== 'functionConfig' && (mayHoldAlias(section.inline) || mayHoldAlias(sectionLines(body, section).join('\n')))) return undefined;
  }
  const kind = stringScalar(sections.get('kind')?.inline ?? '');
  const apiVersion = stringScalar(sections.get('apiVersion')?.inline ?? '');
  if (kind !== RESOURCE_LIST_KIND || !apiVersion || !ACCEPTED_VERSIONS.includes(apiVersion)) return undefined;
  const itemsSection = sections.get('items');
  if (!itemsSection) return undefined;
  const items = itemsSection.inline === '[]' ? [] : itemsSection.inline === '' ? scanItems(body, itemsSection) : undefined;
  if (!items) return undefined;
  const config = sections.get('functionConfig');
  const functionConfig = config && sectionValue(config, sectionLines(body, config));
  if (functionConfig === undefined && config) return undefined;
  return { apiVersion, items, ...(functionConfig ? { functionConfig } : {}) };
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

/**
 * The items block as entries (`- ` at the sequence's indentation): their start and end offsets in `body`, in pairs,
 * and the sequence's indentation. Offsets, so that each entry is split into lines only while it is read.
 */
export function splitItems(body: string, section: Section): Entries | undefined {
  const bounds: number[] = [];
  let seqIndent = -1;
  // `items:` with no entries is null, not a list: the full parser says so
  if (section.end < 0) return undefined;
  for (let pos = section.start, eol = 0; pos <= section.end; pos = eol + 1) {
    eol = body.indexOf('\n', pos);
    if (eol < 0 || eol > section.end) eol = section.end;
    let k = pos;
    while (k < eol && (body.charCodeAt(k) === 32 || body.charCodeAt(k) === 9)) k++;
    if (k === eol || body.charCodeAt(k) === 35 /* # */) {
      if (bounds.length) bounds[bounds.length - 1] = eol;
      continue;
    }
    const indent = k - pos;
    if (seqIndent < 0) seqIndent = indent;
    if (indent > seqIndent) {
      if (!bounds.length) return undefined;
      bounds[bounds.length - 1] = eol;
    } else if (indent === seqIndent && body.charCodeAt(k) === 45 /* - */ && (k + 1 === eol || body.charCodeAt(k + 1) === 32)) {
      if (tabIndentsContent(body, k + 1, eol)) return undefined;
      bounds.push(pos, eol);
    } else {
      return undefined;
    }
  }
  return bounds.length ? { seqIndent, bounds } : undefined;
}

/**
 * Whether the white space from `from` holds a tab and content follows it on the line (`- \tkind: A`): the tab then
 * indents the entry's map, which YAML refuses. entryLines would drop the tab and read the map, so the entry goes to
 * the full parser. A tab before a comment or the line's end is white space YAML allows.
 */
function tabIndentsContent(body: string, from: number, eol: number): boolean {
  let k = from;
  let tab = false;
  for (; k < eol && (body.charCodeAt(k) === 32 || body.charCodeAt(k) === 9); k++) tab ||= body.charCodeAt(k) === 9;
  return tab && k < eol && body.charCodeAt(k) !== 35; // content follows, and it is no comment (#)
}

export interface Entries {
  seqIndent: number;
  bounds: number[];
}

/**
 * Each entry of splitItems as the item's text at column 0 (its lines as entryLines gives them, joined), or undefined
 * where entryLines refuses it. A run of entries of about a megabyte is dedented at once, by splitting it at each line
 * break followed by the items' indentation, and each text is a slice of the result: 20,000 items are then a few
 * dozen strings rather than 20,000 (and 400,000 lines on the way), which the garbage collector would copy twice each.
 * That holds where every line of the run sits at the items' column or deeper, or is blank, a comment at column 0 or
 * an entry's dash line; any other run, and any entry whose text does not start on its dash line at that column,
 * is split line by line.
 */
export function entryTexts(body: string, entries: Entries): Array<string | undefined> {
  const { seqIndent, bounds } = entries;
  const column = seqIndent + 2;
  const separator = `\n${' '.repeat(column)}`;
  const otherLine = new RegExp(`\\n(?! {${column}}|\\n|$|#| {${seqIndent}}-(?: |\\n|$))`);
  const texts: Array<string | undefined> = [];
  for (let first = 0; first < bounds.length / 2;) {
    let last = first;
    while (last + 1 < bounds.length / 2 && bounds[2 * last + 1]! - bounds[2 * first]! < CHUNK) last++;
    const [start, end] = [bounds[2 * first]!, bounds[2 * last + 1]!];
    const run = body.slice(start, end);
    if (otherLine.test(run)) {
      for (let i = first; i <= last; i++) texts.push(lineByLine(body, entries, i));
    } else {
      // Where each part of the run begins, in the body and in the dedented text.
      const parts = run.split(separator);
      const dedented = parts.join('\n');
      let part = 0;
      let from = start;
      let to = 0;
      const at = (offset: number): number => {
        while (offset > from + parts[part]!.length) [from, to, part] = [from + parts[part]!.length + separator.length, to + parts[part]!.length + 1, part + 1];
        return to + (offset - from);
      };
      for (let i = first; i <= last; i++) {
        const [entryStart, entryEnd] = [bounds[2 * i]!, bounds[2 * i + 1]!];
        const textStart = at(entryStart) + column;
        texts.push(startsAtColumn(body, entryStart, entryEnd, seqIndent) ? dedented.slice(textStart, at(entryEnd)) : lineByLine(body, entries, i));
      }
    }
    first = last + 1;
  }
  return texts;
}

/** Characters of entries dedented at once. */
const CHUNK = 1 << 20;

const lineByLine = (body: string, { seqIndent, bounds }: Entries, i: number): string | undefined =>
  entryLines(body.slice(bounds[2 * i]!, bounds[2 * i + 1]!).split('\n'), seqIndent)?.join('\n');

/**
 * Whether an entry's text starts on its dash line, one space after the dash (`- key: value`, or kpt's `- # comment`
 * with the map below it at that column), so that its lines sit at the items' column.
 */
function startsAtColumn(body: string, start: number, end: number, seqIndent: number): boolean {
  const column = seqIndent + 2;
  const first = body.charCodeAt(start + column);
  if (body.charCodeAt(start + column - 1) !== 32 || start + column >= end || first === 32 || first === 9 || first === 10) return false;
  if (first !== 35 /* # */) return true;
  // A comment on the dash line: the map starts on the first line below that holds content, at that line's column.
  for (let pos = body.indexOf('\n', start) + 1; pos > 0 && pos < end; pos = body.indexOf('\n', pos) + 1) {
    let k = pos;
    while (body.charCodeAt(k) === 32) k++;
    const c = body.charCodeAt(k);
    if (k < end && c !== 10 && c !== 35) return c !== 9 && k - pos === column;
  }
  return false; // no content: entryLines refuses the entry
}

function scanItems(body: string, section: Section): Item[] | undefined {
  const entries = splitItems(body, section);
  if (!entries) return undefined;
  const items: Item[] = [];
  for (const text of entryTexts(body, entries)) {
    const item = text === undefined ? undefined : entryToItem(text);
    if (!item) return undefined;
    items.push(item);
  }
  return items;
}

function entryToItem(text: string): Item | undefined {
  // An item that may hold an alias is read by `yaml` alone: the alias may expand to far more than its text (yaml
  // limits that), or name an anchor outside the item (yaml then fails, and the full parser words the refusal).
  let head = mayHoldAlias(text) ? undefined : readItemHead(text, isTrackedKey);
  if (!head) {
    try {
      head = parseItemHead(text, isTrackedKey);
    } catch {
      return undefined; // a syntax error, an alias to another item's anchor, an alias bomb: the full parser words it
    }
  }
  return head ? { text, head } : undefined;
}

/** The functionConfig's value and text; undefined when it may hold an alias that `yaml` does not resolve within it. */
function sectionValue(section: Section, lines: string[]): { value: unknown; text: string } | undefined {
  const text = sectionText(section.inline, lines);
  // The block style the runners write is read by the small reader; anything else, and every error, by `yaml`.
  const read = () => readBlockYaml(text) ?? documentValue(parseYaml(text, 'functionConfig'), 'functionConfig', text);
  if (!mayHoldAlias(text)) return { value: read(), text };
  try {
    return { value: read(), text };
  } catch {
    return undefined; // an alias to an anchor in an item, or too many: the full parser words it
  }
}

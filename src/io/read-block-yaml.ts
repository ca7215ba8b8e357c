// A small reader for the block YAML that kustomize and kpt write for a functionConfig: block maps and
// sequences, one-line plain and quoted scalars, literal block scalars (`|`, `|-`), one-line flow maps and
// sequences of such scalars (`{cpu: 10m}`, `[a, b]`), comments.
// It returns what `yaml`'s parseDocument(...).toJS() returns for such text (YAML 1.2 core schema), and
// undefined for anything else (flow collections, anchors, tags, folded or multi-line scalars, duplicate
// keys, tabs, anything odd): the caller then parses the text with `yaml`, which also words the errors.
// test/io/read-block-yaml.test.ts checks the two against each other.

interface Line {
  indent: number;
  /** The line without its indentation. */
  text: string;
}

class Declined extends Error {}

/** Plain keys that the core schema reads as strings (no null/bool words, no numbers, no indicators). */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.\/-]*$/;
const NON_STRING_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);
/** A plain value read as a string, unless a core-schema pattern below claims it; `: `, ` #` and a final `:` are checked apart. */
const PLAIN_STRING = /^[A-Za-z0-9_/][\x20-\x7e]*$/;
/** The core schema's numbers (yaml 2.x, src/schema/core): ints, octal, hex, floats, exponents. */
const CORE_NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+)$/;
const INTEGER = /^-?(?:0|[1-9][0-9]{0,14})$/;
const DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
const DOUBLE_QUOTED = /^"(?:[^"\\]|\\["\\/bfnrt])*"$/;
const CORE_WORDS: ReadonlyMap<string, null | boolean> = new Map<string, null | boolean>([
  ['~', null], ['null', null], ['Null', null], ['NULL', null],
  ['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false],
]);

/** The value of a block-style YAML document, or undefined when the text is outside what this reader knows. */
export function readBlockYaml(text: string): unknown {
  if (/[\t\r\ufeff]/.test(text)) return undefined;
  const raw = text.split('\n');
  try {
    const reader = new Reader(raw);
    const value = reader.node(-1);
    if (reader.more()) return undefined;
    return value;
  } catch (e) {
    if (e instanceof Declined) return undefined;
    throw e;
  }
}

class Reader {
  private pos = 0;

  constructor(private readonly raw: readonly string[]) {}

  more(): boolean {
    return this.peek() !== undefined;
  }

  /** The next line that is neither blank nor a comment, without consuming it. */
  private peek(): Line | undefined {
    while (this.pos < this.raw.length) {
      const line = this.raw[this.pos]!;
      let indent = 0;
      while (line.charCodeAt(indent) === 32) indent++;
      if (indent === line.length || line.charCodeAt(indent) === 35 /* # */) {
        this.pos++;
        continue;
      }
      if (indent === 0 && /^(?:---|\.\.\.|%)/.test(line)) throw new Declined();
      return { indent, text: line.slice(indent) };
    }
    return undefined;
  }

  /** A block node whose lines are indented more than `parent` (a sequence may sit at the parent's own indent). */
  node(parent: number, seqAtParent = false): unknown {
    const line = this.peek();
    if (!line) return null;
    if (line.text === '-' || line.text.startsWith('- ')) {
      if (line.indent > parent || (seqAtParent && line.indent === parent)) return this.seq(line.indent);
      return null;
    }
    if (line.indent <= parent) return null;
    return this.map(line.indent);
  }

  private map(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (line.text === '-' || line.text.startsWith('- ')) break;
      this.pos++;
      this.entry(map, line.text, indent);
    }
    const next = this.peek();
    if (next && next.indent > indent) throw new Declined();
    return map;
  }

  /** One `key: value` of a map at `indent`; the value may continue on the lines below. */
  private entry(map: Record<string, unknown>, text: string, indent: number): void {
    const colon = text.indexOf(':');
    if (colon < 1) throw new Declined();
    const key = keyOf(text.slice(0, colon));
    if (Object.prototype.hasOwnProperty.call(map, key)) throw new Declined();
    const rest = text.slice(colon + 1);
    if (rest !== '' && rest.charCodeAt(0) !== 32) throw new Declined();
    map[key] = this.value(rest.trim(), indent, true);
  }

  private seq(indent: number): unknown[] {
    const seq: unknown[] = [];
    for (let line = this.peek(); line && line.indent === indent && (line.text === '-' || line.text.startsWith('- ')); line = this.peek()) {
      this.pos++;
      const rest = line.text.slice(1);
      const content = rest.trimStart();
      const column = indent + 1 + (rest.length - content.length);
      if (content !== '' && isMapEntry(content)) {
        // `- key: value` starts a map whose keys sit at the column of `key`
        const item: Record<string, unknown> = {};
        this.entry(item, content, column);
        for (let next = this.peek(); next && next.indent === column; next = this.peek()) {
          if (next.text === '-' || next.text.startsWith('- ')) throw new Declined();
          this.pos++;
          this.entry(item, next.text, column);
        }
        seq.push(item);
      } else {
        seq.push(this.value(content, indent, false));
      }
    }
    const next = this.peek();
    if (next && next.indent > indent) throw new Declined();
    return seq;
  }

  /** The value after `key:` or `-` on a line at `indent`. */
  private value(inline: string, indent: number, inMap: boolean): unknown {
    if (inline === '' || inline.startsWith('#')) return this.node(indent, inMap);
    if (inline === '|' || inline === '|-') return this.literal(indent, inline === '|-');
    const value = scalar(inline);
    const next = this.peek();
    if (next && next.indent > indent) throw new Declined(); // a multi-line plain scalar, or worse
    return value;
  }

  /** A literal block scalar below a line at `indent`, with clip or strip chomping. */
  private literal(indent: number, strip: boolean): string {
    const lines: string[] = [];
    let blockIndent = -1;
    while (this.pos < this.raw.length) {
      const line = this.raw[this.pos]!;
      if (line === '') {
        lines.push('');
        this.pos++;
        continue;
      }
      let n = 0;
      while (line.charCodeAt(n) === 32) n++;
      if (n === line.length) throw new Declined(); // a line of spaces: leave the subtleties to yaml
      if (n <= indent) break;
      if (blockIndent < 0) {
        if (lines.length) throw new Declined(); // leading empty lines
        blockIndent = n;
      } else if (n < blockIndent) {
        throw new Declined();
      }
      lines.push(line.slice(blockIndent));
      this.pos++;
    }
    // trailing empty lines belong to the chomping, not to the content
    let end = lines.length;
    while (end > 0 && lines[end - 1] === '') end--;
    if (end === 0) return '';
    const body = lines.slice(0, end).join('\n');
    return strip ? body : `${body}\n`;
  }
}

const isMapEntry = (text: string): boolean => /^(?:[A-Za-z_][A-Za-z0-9_.\/-]*|'[^']*'|"[^"\\]*"):(?: |$)/.test(text);

function keyOf(raw: string): string {
  if (raw.length > 1024) throw new Declined(); // YAML limits implicit keys to 1024 characters; yaml words the error
  if (PLAIN_KEY.test(raw) && !NON_STRING_KEYS.has(raw)) return raw;
  const single = /^'([^']*)'$/.exec(raw);
  const double = /^"([^"\\]*)"$/.exec(raw);
  const key = single?.[1] ?? double?.[1];
  if (key === undefined || key === '__proto__' || /[^\x20-\x7e]/.test(key)) throw new Declined();
  return key;
}

/** A one-line scalar after `key: ` or `- `, with an optional trailing comment. */
function scalar(inline: string): unknown {
  const first = inline.charCodeAt(0);
  if (first === 39 /* ' */) {
    const match = SINGLE_QUOTED.exec(stripComment(inline, inline.lastIndexOf("'")));
    if (!match) throw new Declined();
    return match[1]!.replaceAll("''", "'");
  }
  if (first === 34 /* " */) {
    const text = stripComment(inline, inline.lastIndexOf('"'));
    if (!DOUBLE_QUOTED.test(text)) throw new Declined();
    return JSON.parse(text) as string;
  }
  if (first === 123 /* { */ || first === 91 /* [ */) return flow(stripComment(inline, 0));
  return plain(stripComment(inline, 0));
}

/**
 * A one-line flow map or sequence of one-line scalars, as people write `{cpu: 10m, memory: 64Mi}` or
 * `[a, b]`: no nesting, no commas, colons or comments inside the scalars (yaml reads those).
 */
function flow(text: string): unknown {
  const close = text.charCodeAt(0) === 123 ? '}' : ']';
  if (!text.endsWith(close) || /[{}[\]#]/.test(text.slice(1, -1))) throw new Declined();
  const inner = text.slice(1, -1).trim();
  const entries = inner === '' ? [] : inner.split(',').map((entry) => entry.trim());
  if (close === ']') return entries.map(flowScalar);
  const map: Record<string, unknown> = {};
  for (const entry of entries) {
    const match = /^([^:'"]+): +(.+)$/.exec(entry);
    if (!match) throw new Declined();
    const key = keyOf(match[1]!);
    if (Object.prototype.hasOwnProperty.call(map, key)) throw new Declined();
    map[key] = flowScalar(match[2]!);
  }
  return map;
}

function flowScalar(text: string): unknown {
  if (text === '' || text.includes(':')) throw new Declined();
  return text.startsWith("'") || text.startsWith('"') ? scalar(text) : plain(text);
}

function plain(text: string): unknown {
  const word = CORE_WORDS.get(text);
  if (word !== undefined) return word;
  if (INTEGER.test(text)) return Number.parseInt(text, 10);
  if (DECIMAL.test(text)) return Number.parseFloat(text);
  if (CORE_NUMBER.test(text) || !PLAIN_STRING.test(text) || /: | #|:$/.test(text)) throw new Declined();
  return text;
}

/** The text before a ` #` comment that starts after `from`; trailing spaces trimmed. */
function stripComment(text: string, from: number): string {
  const hash = text.indexOf(' #', Math.max(from, 0));
  return (hash < 0 ? text : text.slice(0, hash)).trimEnd();
}

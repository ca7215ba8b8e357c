// A small reader for the block YAML that kustomize and kpt write for a functionConfig: block maps and
// sequences, one-line plain and quoted scalars, literal block scalars (`|`, `|-`), one-line flow maps and
// sequences of such scalars (`{cpu: 10m}`, `[a, b]`), comments.
// It returns what `yaml`'s parseDocument(...).toJS() returns for such text (YAML 1.2 core schema), and
// undefined for anything else (flow collections, anchors, tags, folded or multi-line scalars, duplicate
// keys, tabs, anything odd): the caller then parses the text with `yaml`, which also words the errors.
// test/io/read-block-yaml.test.ts checks the two against each other.

import { beforeComment, Declined, indentOf, keyOf, plainValue, scalarValue, splitKeyLine, trimWhite, trimWhiteStart } from './scalar-grammar.js';

/**
 * Text indented deeper than this goes to `yaml`, so that a config too deep for `yaml`'s stack is refused on both
 * paths alike ("nested too deeply"): each level of nesting indents at least one column more, and `yaml` reads a few
 * hundred levels. A TomodaApp needs a dozen.
 */
const MAX_INDENT = 200;

interface Line {
  indent: number;
  /** The line without its indentation. */
  text: string;
}

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
      const indent = indentOf(line);
      if (indent === line.length || line.charCodeAt(indent) === 35 /* # */) {
        this.pos++;
        continue;
      }
      if (indent === 0 && /^(?:---|\.\.\.|%)/.test(line)) throw new Declined();
      if (indent > MAX_INDENT) throw new Declined();
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
    const keyLine = splitKeyLine(text);
    if (!keyLine || keyLine.key === '__proto__' || Object.prototype.hasOwnProperty.call(map, keyLine.key)) throw new Declined();
    map[keyLine.key] = this.value(keyLine.rest, indent, true);
  }

  private seq(indent: number): unknown[] {
    const seq: unknown[] = [];
    for (let line = this.peek(); line && line.indent === indent && (line.text === '-' || line.text.startsWith('- ')); line = this.peek()) {
      this.pos++;
      const rest = line.text.slice(1);
      const content = trimWhiteStart(rest);
      const column = indent + 1 + (rest.length - content.length);
      if (content !== '' && splitKeyLine(content)) {
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
    const value = inline.startsWith('{') || inline.startsWith('[') ? flow(beforeComment(inline)) : scalarValue(inline);
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
      const n = indentOf(line);
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

/**
 * A one-line flow map or sequence of one-line scalars, as people write `{cpu: 10m, memory: 64Mi}` or
 * `[a, b]`: no nesting, no commas, colons or comments inside the scalars (yaml reads those).
 */
function flow(text: string): unknown {
  const close = text.charCodeAt(0) === 123 ? '}' : ']';
  if (!text.endsWith(close) || /[{}[\]#]/.test(text.slice(1, -1))) throw new Declined();
  const inner = trimWhite(text.slice(1, -1));
  const entries = inner === '' ? [] : inner.split(',').map(trimWhite);
  if (close === ']') return entries.map(flowScalar);
  const map: Record<string, unknown> = {};
  for (const entry of entries) {
    const match = /^([^:'"]+): +(.+)$/.exec(entry);
    if (!match) throw new Declined();
    const key = keyOf(match[1]!);
    if (key === undefined || key === '__proto__') throw new Declined();
    if (Object.prototype.hasOwnProperty.call(map, key)) throw new Declined();
    map[key] = flowScalar(match[2]!);
  }
  return map;
}

function flowScalar(text: string): unknown {
  if (text === '' || text.includes(':')) throw new Declined();
  return text.startsWith("'") || text.startsWith('"') ? scalarValue(text) : plainValue(text);
}

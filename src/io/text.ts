// Small helpers for moving YAML node text between indentation levels without re-serialising it.
import { indentOf, isContent, trimWhite, trimWhiteStart, withoutIndent } from './scalar-grammar.js';

/** Removes `column` spaces of indentation from every line after the first (fewer where a line has fewer, e.g. a comment). */
export function dedent(text: string, column: number): string {
  if (column === 0) return text;
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) lines[i] = withoutIndent(lines[i]!, column);
  return lines.join('\n');
}

/** Indents every non-empty line after the first by `prefix`. */
export function indentRest(text: string, prefix: string): string {
  // Where no line is empty, splitting and joining does it at a third of the cost of a replace with a lookahead.
  if (!text.includes('\n\n') && !text.endsWith('\n')) return text.split('\n').join(`\n${prefix}`);
  return text.replace(/\n(?=[^\n])/g, `\n${prefix}`);
}

/** Node text (column 0, no trailing newline) as a block sequence entry. */
export const asSequenceEntry = (text: string): string => `- ${indentRest(text, '  ')}\n`;

/** Node text as the value of a top-level key. */
export function asMappingValue(key: string, text: string): string {
  const block = /^[^\s#{[][^\n]*:(\s|$)/.test(text) || text.startsWith('- ');
  return block ? `${key}:\n  ${indentRest(text, '  ')}\n` : `${key}: ${indentRest(text, '  ')}\n`;
}

/** The text without one final line break, if it ends with one. */
export const withoutFinalLineBreak = (text: string): string => (text.endsWith('\n') ? text.slice(0, -1) : text);

/**
 * A block sequence entry (its dash line, then every line up to the next entry: blank lines and comments included)
 * as the item's lines at column 0. Undefined when the entry holds no content, or a content line lies left of the
 * item's column: that is not YAML, and moving it would repair it silently.
 */
export function entryLines(entry: readonly string[], seqIndent: number): string[] | undefined {
  const afterDash = entry[0]!.slice(seqIndent + 1);
  const content = trimWhiteStart(afterDash);
  const lines: string[] = [];
  let column: number;
  let i = 1;
  if (content === '' || content.startsWith('#')) {
    // `-` alone, or `- # a comment`: the map starts on a later line, at that line's indentation. The comment
    // and any lines before the map belong to the item and are kept.
    const firstContent = entry.find((line, n) => n > 0 && isContent(line));
    if (firstContent === undefined) return undefined;
    column = indentOf(firstContent);
    if (content === '') while (entry[i] !== firstContent && trimWhite(entry[i]!) === '') i++;
    else lines.push(content);
  } else {
    column = seqIndent + 1 + (afterDash.length - content.length);
    lines.push(content);
  }
  for (; i < entry.length; i++) {
    const line = entry[i]!;
    if (indentOf(line) < column && isContent(line)) return undefined;
    lines.push(withoutIndent(line, column));
  }
  return lines;
}

/** A top-level key's value as text at column 0: the text on the key's line and the lines below, or the lines below dedented. */
export function sectionText(inline: string, lines: readonly string[]): string {
  if (inline !== '' && !inline.startsWith('#')) return [inline, ...lines].join('\n');
  // Stryker disable next-line StringLiteral: any text without content lines gives column 0, as '' does
  const column = indentOf(lines.find(isContent) ?? '');
  return [...(inline ? [inline] : []), ...lines.map((line) => withoutIndent(line, column))].join('\n');
}

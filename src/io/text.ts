// Small helpers for moving YAML node text between indentation levels without re-serialising it.
import { withoutIndent } from './scalar-grammar.js';

/** Removes `column` spaces of indentation from every line after the first (fewer where a line has fewer, e.g. a comment). */
export function dedent(text: string, column: number): string {
  if (column === 0) return text;
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) lines[i] = withoutIndent(lines[i]!, column);
  return lines.join('\n');
}

/** Indents every non-empty line after the first by `prefix`. */
export function indentRest(text: string, prefix: string): string {
  return text.replace(/\n(?=[^\n])/g, `\n${prefix}`);
}

/** Node text (column 0, no trailing newline) as a block sequence entry. */
export const asSequenceEntry = (text: string): string => `- ${indentRest(text, '  ')}\n`;

/** Node text as the value of a top-level key. */
export function asMappingValue(key: string, text: string): string {
  const block = /^[^\s#{[][^\n]*:(\s|$)/.test(text) || text.startsWith('- ');
  return block ? `${key}:\n  ${indentRest(text, '  ')}\n` : `${key}: ${indentRest(text, '  ')}\n`;
}

// trimEnd, not a regex: /\s+$/ backtracks quadratically over long runs of spaces (deeply indented input).
export const trimTrailingNewlines = (text: string): string => text.trimEnd();

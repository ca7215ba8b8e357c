// `yaml`'s document model behind the limits and the error sentences both paths share.
import { parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { InputError } from './input-error.js';
import { oversizedToken } from './limits.js';

const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false } as const;
const MAX_ALIAS_COUNT = 100;
export const TOO_DEEP = 'stdin is nested too deeply to read; a ResourceList needs a few dozen levels at most';

/** parseDocument, after refusing a value too large to compose in bounded memory (see limits.ts). */
export function parseYaml(text: string, where: string): Document {
  const oversized = oversizedToken(text);
  if (oversized) throw new InputError(`${where} holds a single value of ${(oversized / 2 ** 20).toFixed(1)} MiB; no Kubernetes object has one above 4 MiB`);
  return parseDocument(text, PARSE_OPTIONS);
}

export function documentValue(doc: Document, where: string, text: string): unknown {
  const problem = doc.errors[0];
  if (problem?.message.includes('Maximum call stack size exceeded')) throw new InputError(TOO_DEEP.replace('stdin', where));
  if (problem?.code === 'MULTIPLE_DOCS') throw new InputError(`${where} holds more than one YAML document; a ResourceList is a single document`);
  if (problem) throw new InputError(syntaxError(where, text, problem));
  // Stryker disable next-line StringLiteral: a shortcut; without an alias the visit finds nothing, so always visiting says the same
  if (text.includes('*')) refuseSelfReferences(doc, where);
  try {
    // Stryker disable next-line ObjectLiteral: 100 is also yaml's default; the option stays to say the limit is ours
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new InputError(`${where} is not usable YAML: ${oneLine((e as Error).message)}`);
  }
}

/** An alias inside the node its anchor names (`a: &x [*x]`) makes a value that contains itself: no object can hold one. */
function refuseSelfReferences(doc: Document, where: string): void {
  visit(doc, {
    Alias(_, alias, path) {
      const target = alias.resolve(doc);
      if (target && path.includes(target)) {
        throw new InputError(
          `${where} uses the alias *${alias.source} inside the value its anchor &${alias.source} names, so the value would contain itself; write it out`,
        );
      }
    },
  });
}

export const oneLine = (message: string): string => message.split('\n')[0]!.trim();

/**
 * Where the mistake is: `yaml` reports an unclosed quote or flow collection at the end of the text (the opening quote,
 * or the last line that holds anything, is the place to look) and a mis-indented line at its start.
 */
function errorOffset(text: string, error: YAMLError): number {
  // At the end of the text (an unclosed flow collection): the end of the last line that holds anything.
  const offset = Math.min(error.pos[0], text.trimEnd().length);
  const quote = error.code === 'MISSING_CHAR' ? /Missing closing (["'])quote/.exec(error.message)?.[1] : undefined;
  const opening = quote ? text.lastIndexOf(quote, offset - 1) : -1;
  if (opening >= 0) return opening;
  // In a line's indentation (a mis-indented line), or on the blank lines yaml points at above it: the first character
  // below them, whose column shows the mistake. A comment stays: yaml may point at one that is itself the mistake.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (!/^ *$/.test(text.slice(lineStart, offset))) return offset;
  // Not to the end: offset is at most the end of the text's last line that holds anything, so something follows.
  BLANKS.lastIndex = offset;
  BLANKS.exec(text);
  return BLANKS.lastIndex;
}

/** The spaces and line breaks from where it starts (sticky). */
const BLANKS = /[ \n]*/y;

/** A line as it is, unless it is longer than a screen or two: then the part around `at`, its cuts marked. */
function excerpt(line: string, at: number): string {
  if (line.length <= MAX_EXCERPT) return line;
  const start = Math.max(0, Math.min(at - MAX_EXCERPT / 2, line.length - MAX_EXCERPT));
  return `${start > 0 ? '…' : ''}${line.slice(start, start + MAX_EXCERPT)}${start + MAX_EXCERPT < line.length ? '…' : ''}`;
}

const MAX_EXCERPT = 240;

/**
 * One line saying where `yaml` found a syntax error and what it is: the line and the column counted in characters
 * (a character outside the BMP is one, as editors count it, not two UTF-16 units), and the whole line, uncut.
 */
export function syntaxError(where: string, text: string, error: YAMLError): string {
  const offset = errorOffset(text, error);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  const column = [...text.slice(lineStart, offset)].length + 1;
  const reason = oneLine(error.message).replace(/ at line \d+, column \d+:?$/, '');
  return `${where} is not valid YAML: line ${line}, column ${column}: ${reason}; the line is ${JSON.stringify(excerpt(text.slice(lineStart, lineEnd), offset - lineStart))}`;
}

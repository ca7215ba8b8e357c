// The YAML scalar grammar, written once. Reading: which one-line scalars the fast readers (item heads, the block
// reader, the ResourceList scanner) understand, and what they mean: the YAML 1.2 core schema, as `yaml` and JSON
// read them. Anything else is declined and goes to `yaml` itself, so the fast and full paths cannot disagree.
// Writing: which strings must be quoted because a reader downstream would take their plain form for something
// else: YAML 1.1 (kyaml's compatibility list, `yaml`'s 1.1 schema) or go-yaml (v2 and v3, read by kustomize,
// kubectl and Argo CD: YAML 1.2 core plus Go's integer syntax). Also the line helpers the block scanners share.

/** Thrown by a fast reader for text it does not fully understand: the caller hands it to `yaml`. */
export class Declined extends Error {}

// ---- lines ----------------------------------------------------------------------------------------------

/** Spaces before the first other character (the whole length for a line of spaces). */
export function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

// YAML's white space is the space and the tab only: a no-break space (U+00A0) or an em space is part of a value, so
// String.prototype.trim, which removes them, must not be used on YAML text.
const isWhite = (code: number): boolean => code === 32 || code === 9;

/** The text without leading and trailing spaces and tabs (only those). */
export function trimWhite(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isWhite(text.charCodeAt(start))) start++;
  while (end > start && isWhite(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** The text without leading spaces and tabs. */
export function trimWhiteStart(text: string): string {
  let start = 0;
  while (start < text.length && isWhite(text.charCodeAt(start))) start++;
  return start === 0 ? text : text.slice(start);
}

/** A line that holds YAML content: not blank, not a comment. */
export function isContent(line: string): boolean {
  let i = 0;
  while (i < line.length && isWhite(line.charCodeAt(i))) i++;
  return i < line.length && line.charCodeAt(i) !== 35; /* # */
}

/** Removes up to `column` spaces of indentation (fewer where the line has fewer, e.g. a comment or a blank line). */
export function withoutIndent(line: string, column: number): string {
  let strip = 0;
  while (strip < column && line.charCodeAt(strip) === 32) strip++;
  return strip === 0 ? line : line.slice(strip);
}

/** The text before a ` #` comment that starts at or after `from`, trailing spaces and tabs trimmed. Linear (no backtracking regex). */
export function beforeComment(text: string, from = 0): string {
  let at = text.indexOf('#', from + 1);
  while (at >= 0 && !isWhite(text.charCodeAt(at - 1))) at = text.indexOf('#', at + 1);
  return trimWhite(at < 0 ? text : text.slice(0, at - 1));
}

// ---- keys -------------------------------------------------------------------------------------------------

/** YAML allows implicit keys of at most 1024 characters; `yaml` words the error for longer ones. */
const MAX_IMPLICIT_KEY = 1024;
/** `key: value` or `key:` on one line with a quoted key without escapes, then the rest after `: ` (plain keys are read by hand). */
const QUOTED_KEY_LINE = /^('[^']*'|"[^"\\]*"):(?: +(.*))?$/;

/** A key line's key (as a string) and the text after `key:` ('' when the value starts on the next line); undefined when not a simple key line. */
export function splitKeyLine(text: string, start = 0, end = text.length): { key: string; rest: string } | undefined {
  // A plain key by hand, on [start, end) of the text, then `:` at the end or followed by a space; a quoted key by
  // QUOTED_KEY_LINE. Its `.*` stops at U+2028 and U+2029, so a rest holding one is no key line after a plain key either.
  const i = plainKeyEnd(text, start, end);
  if (i === start) {
    const quote = text.charCodeAt(start);
    return quote === 39 || quote === 34 ? splitQuotedKeyLine(text.slice(start, end)) : undefined;
  }
  if (i === end || text.charCodeAt(i) !== 58 /* : */) return undefined;
  const rest = i + 1 === end ? '' : text.charCodeAt(i + 1) === 32 ? trimWhite(text.slice(i + 2, end)) : undefined;
  if (rest === undefined || rest.includes('\u2028') || rest.includes('\u2029') || i - start > MAX_IMPLICIT_KEY) return undefined;
  const key = text.slice(start, i);
  return isCoreWord(key) ? undefined : { key, rest };
}

function splitQuotedKeyLine(line: string): { key: string; rest: string } | undefined {
  const match = QUOTED_KEY_LINE.exec(line);
  const key = match ? keyOf(match[1]!) : undefined;
  return key === undefined ? undefined : { key, rest: trimWhite(match![2] ?? '') };
}

/** Where a plain key (`[A-Za-z_][\w.\/-]*`) starting at `start` ends, at most at `end`; `start` when none starts there. */
function plainKeyEnd(text: string, start: number, end: number): number {
  let i = start;
  if (isKeyStart(text.charCodeAt(i))) while (i < end && isKeyPart(text.charCodeAt(++i)));
  return i;
}

/** A plain key's first character, `[A-Za-z_]`, and its further ones, `[\w.\/-]`: the one definition of plain keys. */
const isKeyStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isKeyPart = (c: number): boolean => isKeyStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 47 || c === 45;

/** A key as a string, if the core schema reads it as this string: no null or boolean words, printable ASCII, at most 1024 characters. */
export function keyOf(raw: string): string | undefined {
  if (raw.length > MAX_IMPLICIT_KEY) return undefined;
  if (plainKeyEnd(raw, 0, raw.length) === raw.length) return isCoreWord(raw) ? undefined : raw;
  const quote = raw.charCodeAt(0);
  if ((quote !== 39 && quote !== 34) || raw.length < 2 || raw.charCodeAt(raw.length - 1) !== quote) return undefined;
  const key = raw.slice(1, -1);
  return /^[\x20-\x7e]*$/.test(key) && !key.includes(raw[0]!) && !key.includes('\\') ? key : undefined;
}

// ---- values: what the fast readers accept, and what it means ---------------------------------------------

/** The core schema's null and boolean words. */
const CORE_WORDS: ReadonlyMap<string, null | boolean> = new Map<string, null | boolean>([
  ['', null],
  ['~', null],
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
/** One of CORE_WORDS (a length check first spares hashing every key and value). */
const isCoreWord = (text: string): boolean => text.length <= 5 && CORE_WORDS.has(text);
/** A plain value read as a string, unless a core-schema pattern claims it; `: `, ` #` and a final `:` are checked apart. */
const PLAIN_STRING = /^[A-Za-z0-9_/][\x20-\x7e]*$/;
/** The core schema's numbers (yaml 2.x, src/schema/core): ints, octal, hex, floats, exponents. */
const CORE_NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+)$/;
/** The numbers the fast readers resolve themselves: exact in a double, written as `yaml` writes them back. */
const INTEGER = /^-?(?:0|[1-9][0-9]{0,14})$/;
const DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
/** Double-quoted with JSON's simple escapes only (`\u`, `\x`, `\0` and friends are left to `yaml`). */
const DOUBLE_QUOTED = /^"(?:[^"\\]|\\["\\/bfnrt])*"$/;

/**
 * The value of a one-line scalar after `key: ` or `- ` (a trailing comment allowed): a string, number, boolean or
 * null, exactly as `yaml`'s core schema reads it. Throws Declined for anything else (flow collections, block
 * scalars, anchors, tags, aliases, escapes beyond JSON's, numbers that are not plain decimals).
 */
export function scalarValue(inline: string): unknown {
  const first = inline.charCodeAt(0);
  if (first === 39 /* ' */) {
    const text = beforeComment(inline, inline.lastIndexOf("'"));
    const inner = text.slice(1, -1);
    if (text.length >= 2 && text.charCodeAt(text.length - 1) === 39 && !inner.includes("'")) return inner; // no '' inside
    const match = SINGLE_QUOTED.exec(text);
    if (!match) throw new Declined();
    return match[1]!.replaceAll("''", "'");
  }
  if (first === 34 /* " */) {
    const text = beforeComment(inline, inline.lastIndexOf('"'));
    if (!DOUBLE_QUOTED.test(text) || /[\x00-\x1f]/.test(text)) throw new Declined();
    return JSON.parse(text) as string;
  }
  return plainValue(beforeComment(inline));
}

/** A plain scalar (comment removed) as the core schema reads it. */
export function plainValue(text: string): unknown {
  const word = text.length <= 5 ? CORE_WORDS.get(text) : undefined;
  if (word !== undefined) return word;
  // Every number starts with a digit, a sign or a dot; a letter, `_` or `/` skips the number patterns.
  if (!isKeyStart(text.charCodeAt(0)) && text.charCodeAt(0) !== 47) {
    if (INTEGER.test(text)) return Number.parseInt(text, 10);
    if (DECIMAL.test(text)) return Number.parseFloat(text);
    if (CORE_NUMBER.test(text)) throw new Declined();
  }
  if (!PLAIN_STRING.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':')) throw new Declined();
  return text;
}

/** A one-line scalar that is a string, or undefined (not a string, or not understood). */
export function stringScalar(inline: string): string | undefined {
  try {
    const value = scalarValue(inline);
    return typeof value === 'string' ? value : undefined;
  } catch (e) {
    if (e instanceof Declined) return undefined;
    throw e;
  }
}

/** A block scalar's header after `key: ` or `- ` (`|`, `>-`, `|+2`, `|2-`, after an anchor or tag: at most one chomping and one indentation indicator), with an optional comment. */
export const isBlockScalarHeader = (text: string): boolean => {
  const first = text.charCodeAt(0); // `|`, `>`, or an anchor or tag before one: nothing else needs the pattern
  return (first === 124 || first === 62 || first === 38 || first === 33) && /^(?:[&!]\S+[ \t]+)*[|>](?:[-+][1-9]?|[1-9][-+]?)?(?:[ \t]+#.*)?$/.test(text);
};

// ---- writing: strings a reader downstream would not read back as strings ---------------------------------

/**
 * Plain scalars that YAML 1.1 readers take for something other than a string: the `test` patterns of `yaml`'s
 * yaml-1.1 schema (yaml 2.x, src/schema/yaml-1.1), a superset of kyaml's compatibility list (booleans y/yes/on/off
 * and kin, null words, .inf and .nan) and of go-yaml's timestamps.
 */
const NON_STRING_IN_YAML_1_1: readonly RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  /^[-+]?0b[0-1_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/,
];

/**
 * go-yaml's resolve (v2 and v3): after the words of NON_STRING_IN_YAML_1_1 (and `<<`, its merge key), a plain
 * scalar starting with a sign or digit loses every `_` and is then an integer if Go's strconv.ParseInt(s, 0, 64)
 * takes it (0x/0o/0b prefixes in either case, a leading 0 for octal), else a float if it matches
 * `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`; one starting with `.` is a float if strconv.ParseFloat takes it.
 * Overflowing numbers are included: quoting a string that would have stayed one is harmless.
 */
const GO_INTEGER = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+)$/;
const GO_YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const GO_DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;

function goYamlReadsAsNonString(value: string): boolean {
  if (value === '<<') return true;
  const first = value.charCodeAt(0);
  if (first === 46 /* . */) return GO_DOT_FLOAT.test(value);
  if (first !== 43 && first !== 45 && !(first >= 48 && first <= 57)) return false;
  const plain = value.replaceAll('_', '');
  return GO_INTEGER.test(plain) || GO_YAML_FLOAT.test(plain);
}

/** Only strings starting like this can match one of the rules above; everything else skips them. */
const MAYBE_NON_STRING = /^(?:$|[-+.0-9~<]|[eE][-+]?[0-9]|[NnYyTtFfOo][a-zA-Z]{0,4}$)/;

/** True when a YAML 1.1 reader (kyaml, `yaml`) or go-yaml would read this string, written plain, as anything but this string. */
export function readsAsNonString(value: string): boolean {
  if (!MAYBE_NON_STRING.test(value)) return false;
  return goYamlReadsAsNonString(value) || NON_STRING_IN_YAML_1_1.some((pattern) => pattern.test(value));
}

/** Strings `yaml` never writes plain: leading indicators, ': ', ' #', a trailing ':' or space, a document marker. */
const NOT_PLAIN = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|:[ \t]|[\t ]#|[\t :]$|^(?:---|\.\.\.)/;

/** True when a one-line string cannot be written plain: it would be read as other text, or as another type. */
export const needsQuotes = (value: string): boolean => NOT_PLAIN.test(value) || readsAsNonString(value);

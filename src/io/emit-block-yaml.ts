// A small block-YAML writer for the objects the function generates and the results it reports. It writes
// exactly the bytes the `yaml` library path writes (write-resource-list.ts: YAML 1.1, no line folding, sequences
// not indented, strings quoted by scalar-grammar.ts), for the values it understands: plain objects, arrays, booleans,
// null, safe integers and one-line printable-ASCII strings. For anything else it returns undefined and the
// caller uses `yaml` itself, so the output never depends on which writer ran; test/io/emit-block-yaml.test.ts
// checks the two against each other. Loading and warming up `yaml`'s document model for a dozen small
// objects costs more than the rest of a run.

import { needsQuotes } from './scalar-grammar.js';

type Value = unknown;

/** A one-line, printable-ASCII string: the only strings written here. */
const SIMPLE = /^[\x20-\x7e]*$/;
/** Keys longer than this are written by `yaml` in the explicit `? key` form; leave them to it. */
const MAX_IMPLICIT_KEY = 1000;
/** YAML 1.1 readers and go-yaml take a plain (go-yaml even a quoted) `<<` for a merge key. */
const MERGE_KEY = '<<';

class Unsupported extends Error {}

/** The block YAML for an object, without a trailing newline; undefined when it holds anything not handled here. */
export function emitBlockYaml(value: Value): string | undefined {
  if (!isPlainObject(value)) return undefined;
  try {
    const lines: string[] = [];
    if (!writeMap(value, '', lines)) return '{}';
    return lines.join('\n');
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** Writes the entries of a map at `indent`; false when it has none (the caller writes `{}`). */
function writeMap(map: Record<string, Value>, indent: string, lines: string[], firstPrefix?: string): boolean {
  let first = true;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue;
    if (key.length > MAX_IMPLICIT_KEY) throw new Unsupported();
    const head = `${first && firstPrefix !== undefined ? firstPrefix : indent}${scalarString(key)}:`;
    first = false;
    if (Array.isArray(value)) {
      if (value.length === 0) lines.push(`${head} []`);
      else {
        lines.push(head);
        writeSeq(value, indent, lines);
      }
    } else if (isPlainObject(value)) {
      lines.push(head);
      const at = lines.length;
      if (!writeMap(value, `${indent}  `, lines)) lines[at - 1] = `${head} {}`;
    } else {
      lines.push(`${head} ${scalar(value)}`);
    }
  }
  return !first;
}

function writeSeq(seq: readonly Value[], indent: string, lines: string[]): void {
  for (const item of seq) {
    if (Array.isArray(item)) {
      if (item.length) throw new Unsupported();
      lines.push(`${indent}- []`);
    } else if (isPlainObject(item)) {
      if (!writeMap(item, `${indent}  `, lines, `${indent}- `)) lines.push(`${indent}- {}`);
    } else {
      lines.push(`${indent}- ${scalar(item)}`);
    }
  }
}

function scalar(value: Value): string {
  switch (typeof value) {
    case 'string':
      return scalarString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
      throw new Unsupported();
    default:
      if (value === null) return 'null';
      throw new Unsupported();
  }
}

function scalarString(value: string): string {
  if (!SIMPLE.test(value)) throw new Unsupported();
  if (value === MERGE_KEY || /^(?:---|\.\.\.)/.test(value)) throw new Unsupported(); // `yaml` writes << as !!str "<<"
  return needsQuotes(value) ? quoted(value) : value;
}

/** `yaml`'s choice for a one-line string: single quotes when it holds " and no ', else JSON-style double quotes. */
const quoted = (value: string): string => (value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value));

function isPlainObject(value: Value): value is Record<string, Value> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

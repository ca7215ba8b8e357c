// Read and write a ResourceList. Pass-through items are never re-serialised: each keeps its source text (comments,
// key order, `0644`, `on`, dates, quoting, a block scalar's kept blank lines) and only its indentation moves. The
// block style that kustomize and kpt write is split by a line scanner (scan-block-list.ts); anything else (JSON,
// flow style, anchors) goes through the full YAML parser (parse-document-list.ts), which also words the errors.
// Both read scalars by one grammar (scalar-grammar.ts) and give the same list for the same input.
import { InputError } from './input-error.js';
import type { ResourceList } from './list-shape.js';
import { parseDocumentList } from './parse-document-list.js';
import { scanBlockList } from './scan-block-list.js';
import { TOO_DEEP } from './yaml-document.js';

export { InputError } from './input-error.js';
export { isTrackedKey, type Item, type ResourceList } from './list-shape.js';
export { serializeResourceList, stringifyValue, type OutputList } from './write-resource-list.js';

export function parseResourceList(input: string): ResourceList {
  if (input.trim() === '') throw new InputError('stdin is empty; expected a ResourceList (apiVersion: config.kubernetes.io/v1, kind: ResourceList)');
  // YAML reads every line break as \n (spec 5.4), so CRLF input is the same list; both paths then see one form.
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  refuseControlCharacters(text);
  try {
    return scanBlockList(text) ?? parseDocumentList(text);
  } catch (e) {
    // The readers recurse once per level of nesting; a hostile input can hold more levels than the stack.
    if (e instanceof RangeError) throw new InputError(TOO_DEEP);
    throw e;
  }
}

/**
 * Characters YAML does not allow raw (go-yaml refuses them: C0 controls but tab and line breaks, DEL, C1 controls but
 * NEL, U+FFFE and U+FFFF). `yaml` reads them, and a pass-through item would carry them into output no runner reads.
 */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

function refuseControlCharacters(text: string): void {
  const match = CONTROL.exec(text);
  if (!match) return;
  const before = text.slice(0, match.index);
  const line = before.split('\n').length;
  const column = match.index - before.lastIndexOf('\n');
  const code = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  throw new InputError(
    `stdin is not valid YAML: line ${line}, column ${column} holds the control character ${code}, which YAML does not allow raw; write it as an escape in a double-quoted string ("\\u${code.slice(2)}")`,
  );
}

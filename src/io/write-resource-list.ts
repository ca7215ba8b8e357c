// Writing the output ResourceList: pass-through items as the text they came with, generated objects and results
// serialised once here, as block YAML that every reader downstream reads back as the same values.
import { Document, visit } from 'yaml';
import { RESOURCE_LIST_KIND } from '../constants.js';
import type { Result } from '../results.js';
import { emitBlockYaml } from './emit-block-yaml.js';
import { needsQuotes } from './scalar-grammar.js';
import { asMappingValue, asSequenceEntry, withoutFinalLineBreak } from './text.js';

/**
 * Block YAML that YAML 1.1 readers (kyaml) and go-yaml (kustomize, kubectl, Argo CD) read back as the same
 * strings: `on`, `0644`, `0o17` and dates get quoted (scalar-grammar.ts). The small writer handles what the
 * renderers produce; `yaml` writes the rest, with the same bytes.
 */
export function stringifyValue(value: unknown): string {
  return emitBlockYaml(value) ?? stringifyWithYaml(value);
}

/** The `yaml` library's path, quoting as the small writer does. Exported for the tests that compare the two. */
export function stringifyWithYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== 'string' || node.value.includes('\n') || !needsQuotes(node.value)) return;
      // "<<" (from JSON input) must stay a string: YAML 1.1 readers take a plain << for a merge key, and go-yaml even a
      // quoted one, so it is written as !!str "<<".
      if (node.value === '<<') Object.assign(node, { tag: 'tag:yaml.org,2002:str', type: 'QUOTE_DOUBLE' });
      else node.type = node.value.includes('"') && !node.value.includes("'") ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
    },
  });
  // Only the document's final line break goes: a kept block scalar (|+) at the end owns the ones before it.
  return withoutFinalLineBreak(doc.toString({ lineWidth: 0, indentSeq: false }));
}

export interface OutputList {
  apiVersion: string;
  items: string[];
  functionConfig?: string;
  results: Result[];
}

export function serializeResourceList(list: OutputList): string {
  const parts = [`apiVersion: ${list.apiVersion}\nkind: ${RESOURCE_LIST_KIND}\n`];
  parts.push(list.items.length ? 'items:\n' : 'items: []\n');
  for (const item of list.items) parts.push(asSequenceEntry(item));
  if (list.functionConfig !== undefined) parts.push(asMappingValue('functionConfig', list.functionConfig));
  if (list.results.length) parts.push(`results:\n${list.results.map((r) => asSequenceEntry(stringifyValue(r))).join('')}`);
  return parts.join('');
}

// The full path: any YAML or JSON, through `yaml`'s document model, which also words the errors. Block-style items
// keep their source text exactly as the fast scanner keeps it (scan-block-list.ts); a JSON (flow-style) list is
// rewritten as block YAML, since the runners want block YAML back and kpt writes what it gets into the files.
import { isMap, isSeq, visit, type Document, type Node } from 'yaml';
import { RESOURCE_LIST_API_VERSION, RESOURCE_LIST_KIND } from '../constants.js';
import { headOf } from './item-head.js';
import { InputError } from './input-error.js';
import { ACCEPTED_VERSIONS, isTrackedKey, type ResourceList } from './list-shape.js';
import { entryTexts, splitItems, splitSections, sectionLines } from './scan-block-list.js';
import { dedent, sectionText, withoutFinalLineBreak } from './text.js';
import { documentValue, parseYaml } from './yaml-document.js';
import { stringifyValue } from './write-resource-list.js';

export function parseDocumentList(text: string): ResourceList {
  const doc = parseYaml(text, 'stdin');
  const root = documentValue(doc, 'stdin', text);
  if (!isRecord(root)) throw new InputError(`stdin must hold a ResourceList (a map with kind: ResourceList), not ${describe(root)}`);
  if (root.kind !== RESOURCE_LIST_KIND) {
    throw new InputError(`stdin must hold a ResourceList, but its kind is ${typeof root.kind === 'string' ? root.kind : 'missing'}`);
  }
  if (typeof root.apiVersion !== 'string' || !ACCEPTED_VERSIONS.includes(root.apiVersion)) {
    throw new InputError(`the ResourceList apiVersion must be ${RESOURCE_LIST_API_VERSION}, not ${JSON.stringify(root.apiVersion ?? null)}`);
  }
  const contents = doc.contents as Node;
  // Stryker disable next-line StringLiteral: unreachable; a root that is a map with kind and apiVersion comes from a YAMLMap (the check narrows the type)
  if (!isMap(contents)) throw new InputError('stdin must hold a ResourceList map');
  const flowList = contents.flow === true;
  const itemsNode = contents.get('items', true) as Node | undefined;
  if (itemsNode === undefined || itemsNode === null) throw new InputError('the ResourceList has no items; expected items: [] at least');
  if (!isSeq(itemsNode)) throw new InputError(`the ResourceList items must be a list, not ${describe(root.items)}`);
  const layout = flowList ? undefined : blockLayout(text);
  const itemTexts = layout?.items?.length === itemsNode.items.length ? layout.items : undefined;
  const items = itemsNode.items.map((node, i) => {
    const value = (root.items as unknown[])[i];
    if (!isRecord(value)) throw new InputError(`items[${i}] must be a Kubernetes object (a map), not ${describe(value)}`);
    refuseOutsideAliases(doc, node as Node, `items[${i}]`);
    return { text: itemTexts?.[i] ?? nodeText(text, node as Node, value, flowList), head: headOf(value, isTrackedKey, `items[${i}]`) };
  });
  const configNode = contents.get('functionConfig', true) as Node | undefined;
  if (configNode) refuseOutsideAliases(doc, configNode, 'the functionConfig');
  const configText = () => layout?.functionConfig ?? nodeText(text, configNode as Node, root.functionConfig, flowList);
  const functionConfig = configNode ? { value: root.functionConfig, text: configText() } : undefined;
  return { apiVersion: root.apiVersion, items, ...(functionConfig ? { functionConfig } : {}) };
}

/**
 * Each item must stand alone: the function may replace, drop or move any other item (and kpt writes each to its own
 * file), so an alias to an anchor outside the item would be left dangling. Expanding it here would mean
 * re-serialising the item, which loses its comments and re-types YAML 1.1 values such as 0644; so it is refused.
 * kustomize expands anchors before it calls a function, so only a hand-written ResourceList can hold one.
 */
function refuseOutsideAliases(doc: Document, node: Node, where: string): void {
  const [start, , end] = node.range ?? [0, 0, 0];
  visit(node, {
    Alias(_, alias) {
      const target = alias.resolve(doc);
      const at = target?.range?.[0];
      if (at === undefined || at < start || at >= end) {
        throw new InputError(
          `${where} uses the alias *${alias.source} of an anchor outside it; each item must stand alone (the function may replace the other one): write the value out, or keep anchor and alias in one item`,
        );
      }
    },
  });
}

/**
 * The item and functionConfig texts of a block-style list, split exactly as the fast scanner splits them, so that
 * both paths keep the same bytes (blank lines and comments between items, a kept block scalar's blank lines, a
 * comment above an item's map). Undefined where the layout is not the plain one (the parser's ranges then serve).
 */
function blockLayout(text: string): { items?: string[]; functionConfig?: string } | undefined {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const sections = splitSections(body);
  if (!sections) return undefined;
  const items = sections.get('items');
  const config = sections.get('functionConfig');
  const entries = items?.inline === '' ? splitItems(body, items) : undefined;
  const texts = entries && entryTexts(body, entries);
  return {
    // Stryker disable next-line MethodExpression: an undefined text falls back to the node's text below (`??`), so some() reads the same
    ...(texts?.every((t) => t !== undefined) ? { items: texts as string[] } : {}),
    ...(config ? { functionConfig: sectionText(config.inline, sectionLines(body, config)) } : {}),
  };
}

/**
 * A block-style item's source text, from its first character to the next item (trailing blank lines and comments
 * included, as the fast scanner keeps them), at column 0 and without the final line break. Items of a JSON list, and
 * values that are not maps, are re-serialised.
 */
function nodeText(source: string, node: Node, value: unknown, flowList: boolean): string {
  if (isMap(node) && !flowList && node.range) {
    const [first, , end] = node.range;
    const lineStart = source.lastIndexOf('\n', first - 1) + 1;
    const start = propertiesStart(source, lineStart, first);
    return withoutFinalLineBreak(dedent(source.slice(start, end), start - lineStart));
  }
  return stringifyValue(value);
}

/** Where the anchor and tag written before a map's first key on its line start (`- &k kind: A`): its range leaves them out. */
function propertiesStart(source: string, lineStart: number, first: number): number {
  const words = source
    .slice(lineStart, first)
    .trimEnd()
    .split(/[ \t]+/);
  let start = first;
  for (const word of words.reverse()) {
    if (!word.startsWith('&') && !word.startsWith('!')) break;
    start = source.lastIndexOf(word, start - 1);
  }
  return start;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `the ${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}

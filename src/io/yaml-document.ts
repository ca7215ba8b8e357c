// `yaml`'s document model behind the limits and the error sentences both paths share.
import { parseDocument, type Document } from 'yaml';
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

export function documentValue(doc: Document, where: string): unknown {
  const problem = doc.errors[0];
  if (problem?.message.includes('Maximum call stack size exceeded')) throw new InputError(TOO_DEEP.replace('stdin', where));
  if (problem?.code === 'MULTIPLE_DOCS') throw new InputError(`${where} holds more than one YAML document; a ResourceList is a single document`);
  if (problem) throw new InputError(`${where} is not valid YAML: ${oneLine(problem.message)}`);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new InputError(`${where} is not usable YAML: ${oneLine((e as Error).message)}`);
  }
}

export const oneLine = (message: string): string => message.split('\n')[0]!.trim();


// Reads a TomodaApp file for `render`: one YAML document, or a stream in which exactly one is a TomodaApp.
import { parseAllDocuments } from 'yaml';
import { KIND } from '../constants.js';
import { InputError } from './input-error.js';
import { documentValue } from './yaml-document.js';

export function parseConfigFile(text: string, source: string): unknown {
  if (text.trim() === '') throw new InputError(`${source} is empty; expected a ${KIND}`);
  const values = parseYamlDocuments(text, source);
  const apps = values.filter((v) => typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === KIND);
  if (apps.length === 1) return apps[0];
  if (apps.length === 0 && values.length === 1) return values[0];
  throw new InputError(`${source} holds ${apps.length} ${KIND} documents; render takes exactly one`);
}

/** Every document of a YAML stream as plain values; the first syntax error ends the read with one sentence. */
export function parseYamlDocuments(text: string, source: string): unknown[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  if (!Array.isArray(docs)) throw new InputError(`${source} holds no YAML document`);
  return docs.map((doc) => documentValue(doc, source, text));
}

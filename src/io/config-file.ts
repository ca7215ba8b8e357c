// Reads a TomodaApp file for `render`: one YAML document, or a stream in which exactly one is a TomodaApp.
import { parseAllDocuments } from 'yaml';
import { KIND } from '../constants.js';
import { InputError } from './input-error.js';
import { documentValue } from './yaml-document.js';

export function parseConfigFile(text: string, source: string): unknown {
  if (text.trim() === '') throw new InputError(`${source} is empty; expected a ${KIND}`);
  const values = parseYamlDocuments(text, source);
  if (values.length === 0) throw new InputError(`${source} holds no YAML document; expected a ${KIND}`);
  const apps = values.filter((v) => typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === KIND);
  if (apps.length === 1) return apps[0];
  if (apps.length === 0 && values.length === 1) return values[0];
  throw new InputError(`${source} holds ${apps.length} ${KIND} documents; render takes exactly one`);
}

/** Every document of a YAML stream as plain values (none for comments only); the first syntax error ends the read with one sentence. */
export function parseYamlDocuments(text: string, source: string): unknown[] {
  // Stryker disable next-line ObjectLiteral: uniqueKeys is yaml's default; it stays to say that duplicate keys are refused
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  return docs.map((doc) => documentValue(doc, source, text));
}

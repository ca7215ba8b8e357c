// The JSON Schemas editors validate with, derived from the one zod schema (src/config/schema.ts). Draft-07: the
// dialect yaml-language-server (VS Code's YAML extension, and most editors' YAML support) implements fully, and
// the one ajv and ajv-cli accept without options. `npm run schema` writes both to schema/.
import { toJSONSchema } from 'zod';
import { API_VERSION, KIND } from './constants.js';
import { TomodaApp } from './config/schema.js';

type Schema = { [keyword: string]: unknown };

const ID_BASE = `https://tomoda.life/schemas/${API_VERSION}`;
/**
 * `format` is optional for validators (ajv refuses a schema naming a format it was not given), so each one the
 * zod schema emits becomes a pattern every validator checks. The pattern may accept more than the function
 * (it is checked again there), never less: a scheme, then a colon, as `new URL()` requires.
 */
const FORMAT_PATTERNS: Record<string, string> = { uri: '^\\s*[A-Za-z][A-Za-z0-9+.-]*:' };
/** Keywords whose values are data, not schemas. */
const DATA_KEYWORDS = new Set(['default', 'const', 'enum', 'examples']);

/** The schema files under schema/, by file name. */
export const SCHEMA_FILES = {
  'tomodaapp.schema.json': jsonSchema,
  'tomodaapp-patch.schema.json': patchJsonSchema,
} as const;

/** A whole TomodaApp: what a config file must be before the function runs. */
export function jsonSchema(): Schema {
  const schema = mapSchema(toJSONSchema(TomodaApp, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Schema, formatAsPattern);
  return { $schema: schema.$schema, $id: `${ID_BASE}/${KIND.toLowerCase()}.json`, title: KIND, ...schema };
}

/**
 * An overlay's patch of a TomodaApp (kustomize `patches:` on the config): every field optional, the same value
 * rules, and `null` allowed for any field under `spec`, which is how a merge patch deletes a key
 * (`replicas: null` where an HPA takes over).
 */
export function patchJsonSchema(): Schema {
  const { properties, ...rest } = withoutRequired(jsonSchema());
  const { spec, ...top } = properties as Record<string, Schema>;
  return {
    ...rest,
    $id: `${ID_BASE}/${KIND.toLowerCase()}-patch.json`,
    title: `${KIND} patch`,
    description: `A patch of a ${KIND} in an overlay: every field optional; null deletes a field.`,
    properties: { ...top, spec: nullableFields(spec!) },
  };
}

function formatAsPattern(node: Schema): Schema {
  const pattern = typeof node.format === 'string' && Object.hasOwn(FORMAT_PATTERNS, node.format) ? FORMAT_PATTERNS[node.format] : undefined;
  if (pattern === undefined || node.pattern !== undefined) return node;
  const { format: _, ...rest } = node;
  return { ...rest, pattern };
}

/** The schema with every `required` list removed, at every depth. */
function withoutRequired(schema: Schema): Schema {
  return mapSchema(schema, ({ required: _, ...rest }) => rest);
}

/** Every property and map entry below `schema` may also be null. */
function nullableFields(schema: Schema): Schema {
  return mapSchema(schema, (node) => ({
    ...node,
    ...(isSchema(node.properties) && { properties: mapValues(node.properties, (child) => (isSchema(child) ? orNull(child) : child)) }),
    ...(isSchema(node.additionalProperties) &&
      Object.keys(node.additionalProperties).length > 0 && { additionalProperties: orNull(node.additionalProperties) }),
  }));
}

/** `schema` or null; its description and default stay outside, where editors show them on hover. */
function orNull(schema: Schema): Schema {
  const { description, default: fallback, ...rest } = schema;
  return {
    ...(description !== undefined && { description }),
    ...(fallback !== undefined && { default: fallback }),
    anyOf: [rest, { type: 'null' }],
  };
}

/** Applies `f` to every object schema in the tree, children first. */
function mapSchema(schema: Schema, f: (node: Schema) => Schema): Schema {
  const mapped = mapValues(schema, (value, key) => {
    if (DATA_KEYWORDS.has(key)) return value;
    if (key === 'properties' && isSchema(value)) return mapValues(value, (child) => (isSchema(child) ? mapSchema(child, f) : child));
    if (Array.isArray(value)) return value.map((item) => (isSchema(item) ? mapSchema(item, f) : item));
    if (isSchema(value)) return mapSchema(value, f);
    return value;
  });
  return f(mapped);
}

function mapValues<T>(object: Record<string, T>, f: (value: T, key: string) => unknown): Schema {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, f(value, key)]));
}

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

// functionConfig → { app, results }: kind check, reserved-key guard, schema, then cross-field rules.
import type * as z from 'zod';
import { API_VERSION, KIND } from '../constants.js';
import { error, hasErrors, type Path, type Result } from '../results.js';
import { fastParse } from './fast-parse.generated.js';
import { resolveModel, type Model } from './model.js';
import { checkRules } from './rules.js';
import { TomodaApp } from './schema.js';
import { nearest } from './suggest.js';

export interface Loaded {
  app?: TomodaApp;
  /** The app with its defaults applied, resolved once for the rules, the renderers and the checks. */
  model?: Model;
  results: Result[];
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function loadConfig(config: unknown): Loaded {
  const kindProblem = checkKind(config);
  if (kindProblem) return { results: [kindProblem] };
  const reserved = findReservedKeys(config, []);
  if (reserved.length) return { results: reserved };

  const app = parseApp(config);
  if (!app.success) return { results: app.error.issues.flatMap((issue) => issueResults(issue, [])) };
  const model = resolveModel(app.data);
  const results = checkRules(app.data, model);
  return hasErrors(results) ? { results } : { app: app.data, model, results };
}

/**
 * The schema's verdict. A valid config takes the fast path generated from the schema (fast-parse.generated.ts),
 * which returns what zod's parse returns; zod, loaded only then, words the errors of one that is not (and, should
 * the two ever disagree, decides: test/property/fast-path.property.test.ts looks for such a config).
 */
function parseApp(config: unknown): z.ZodSafeParseResult<TomodaApp> {
  const data = fastParse(config);
  return data ? { success: true, data } : TomodaApp.safeParse(config, { reportInput: true });
}

function checkKind(config: unknown): Result | undefined {
  if (!isRecord(config)) return error('not-an-object', [], `the functionConfig must be a ${KIND} object (apiVersion ${API_VERSION}), not ${describe(config)}`);
  const { apiVersion, kind } = config;
  if (kind !== KIND) {
    return error(
      'wrong-kind',
      ['kind'],
      `this function reads kind ${KIND} (apiVersion ${API_VERSION}), but the functionConfig is ${describeKind(apiVersion, kind)}`,
    );
  }
  if (apiVersion !== API_VERSION) {
    return error('unknown-version', ['apiVersion'], `unknown version ${JSON.stringify(apiVersion)} of ${KIND}; this function reads apiVersion ${API_VERSION}`);
  }
  return undefined;
}

function findReservedKeys(value: unknown, path: Path): Result[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => findReservedKeys(item, [...path, i]));
  if (!isRecord(value)) return [];
  return Object.keys(value).flatMap((key) =>
    RESERVED_KEYS.has(key) ? [error('reserved-key', [...path, key], `"${key}" is not allowed as a key`)] : findReservedKeys(value[key], [...path, key]),
  );
}

type Issue = z.core.$ZodIssue & { input?: unknown };

function issueResults(issue: Issue, prefix: Path): Result[] {
  const path: Path = [...prefix, ...(issue.path as Path)];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const known = knownKeys(path);
        const guess = nearest(key, known);
        const hint = guess ? `did you mean "${guess}"?` : `known fields: ${known.join(', ')}`;
        return error('unknown-field', [...path, key], `unknown field "${key}"; ${hint}`);
      });
    case 'invalid_type':
      if (issue.input === undefined) return [error('required', path, 'is required')];
      if (issue.message && !issue.message.startsWith('Invalid input')) return [error('invalid-type', path, issue.message)];
      return [error('invalid-type', path, `must be ${article(issue.expected)}, not ${describe(issue.input)}`)];
    case 'invalid_value': {
      const custom = customMessage(issue);
      if (custom) return [error('invalid-value', path, custom)];
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const guess = typeof issue.input === 'string' ? nearest(issue.input, issue.values.map(String)) : undefined;
      return [
        error(
          'invalid-value',
          path,
          `must be ${allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`}${guess ? `; did you mean "${guess}"?` : ''}`,
        ),
      ];
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      const key = path.at(-1);
      return [error('invalid-key', path, `the key ${inner?.message ?? 'is not valid'}${nameHint(inner?.message, key)}`)];
    }
    case 'invalid_format':
      return [error('invalid-value', path, `${issue.message}${nameHint(issue.message, issue.input)}`)];
    case 'invalid_union':
      return unionResults(issue, path);
    case 'too_small':
      return [error('out-of-range', path, customMessage(issue) ?? bound(issue.inclusive ? 'at least' : 'more than', issue.minimum, issue.origin))];
    case 'too_big':
      return [error('out-of-range', path, customMessage(issue) ?? bound(issue.inclusive ? 'at most' : 'less than', issue.maximum, issue.origin))];
    default:
      return [error('invalid-value', path, issue.message)];
  }
}

/** A union fails as a whole; report the branch that got furthest (the one whose type matched). */
function unionResults(issue: Extract<Issue, { code: 'invalid_union' }>, path: Path): Result[] {
  const branches = issue.errors.filter((branch) => branch.length > 0 && !branch.every((i) => i.code === 'invalid_type'));
  const chosen = branches[0];
  if (chosen) return chosen.flatMap((inner) => issueResults(inner as Issue, path));
  const input = (issue as Issue).input;
  if (input === undefined) return [error('required', path, 'is required')];
  const first = issue.errors[0]?.[0];
  return [error('invalid-type', path, first?.message.startsWith('Invalid input') === false ? first.message : `has an invalid value ${describe(input)}`)];
}

/** The keys the schema knows at a path, for "did you mean". */
function knownKeys(path: Path): string[] {
  let schema: unknown = TomodaApp;
  for (const segment of path) schema = child(unwrap(schema), segment);
  const node = unwrap(schema);
  const def = defOf(node);
  // A union of a scalar and a map (an env value, port or "none"): the map's keys.
  const shape = objectShape(node) ?? (def?.type === 'union' ? def.options?.map(unwrap).map(objectShape).find(Boolean) : undefined);
  return shape ? Object.keys(shape) : [];
}

interface SchemaDef {
  type: string;
  innerType?: unknown;
  in?: unknown;
  shape?: Record<string, unknown>;
  valueType?: unknown;
  element?: unknown;
  options?: unknown[];
}

const defOf = (schema: unknown): SchemaDef | undefined => (schema as { _zod?: { def: SchemaDef } } | undefined)?._zod?.def;

function unwrap(schema: unknown): unknown {
  let def = defOf(schema);
  while (def && (def.innerType !== undefined || def.in !== undefined)) {
    schema = def.innerType ?? def.in;
    def = defOf(schema);
  }
  return schema;
}

function child(schema: unknown, segment: string | number): unknown {
  const def = defOf(schema);
  if (!def) return undefined;
  if (def.type === 'object') return def.shape?.[segment];
  if (def.type === 'record') return def.valueType;
  if (def.type === 'array') return def.element;
  if (def.type === 'union') return def.options?.map(unwrap).find(objectShape) ? child(def.options.map(unwrap).find(objectShape), segment) : undefined;
  return undefined;
}

const objectShape = (schema: unknown): Record<string, unknown> | undefined => {
  const def = defOf(schema);
  return def?.type === 'object' ? def.shape : undefined;
};

/** For a name that breaks DNS rules, the nearest name that keeps them: `Web_Pool` → `web-pool`. */
function nameHint(message: string | undefined, input: unknown): string {
  if (typeof input !== 'string' || !message?.includes('DNS-1')) return '';
  const dots = message.includes('subdomain');
  const fixed = input
    .toLowerCase()
    .replace(dots ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .replace(/-{2,}/g, '-')
    .slice(0, dots ? 253 : 63)
    .replace(/[^a-z0-9]+$/, '');
  return fixed && fixed !== input ? `; try "${fixed}"` : '';
}

/** zod's own messages start with these words; anything else was written in schema.ts for the user. */
const customMessage = (issue: Issue): string | undefined => (/^(Too (small|big)|Invalid)/.test(issue.message) ? undefined : issue.message);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function describeKind(apiVersion: unknown, kind: unknown): string {
  const k = typeof kind === 'string' && kind ? shown(kind) : '(no kind)';
  return typeof apiVersion === 'string' && apiVersion ? `${k} (${shown(apiVersion)})` : k;
}

/** A name from the input as the message shows it: quoted when it holds odd characters, cut when long. */
const shown = (name: string): string => (name.length > 60 ? `${JSON.stringify(name.slice(0, 60))}…` : /^[\w.\/-]+$/.test(name) ? name : JSON.stringify(name));

const article = (type: string): string =>
  type === 'int' ? 'a whole number' : type === 'object' ? 'a map' : type === 'array' ? 'a list' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
const bound = (relation: string, limit: unknown, origin: string): string => `must be ${relation} ${String(limit)}${unit(origin)}`;
const unit = (origin: string): string => (origin === 'string' ? ' characters long' : origin === 'array' ? ' entries' : '');

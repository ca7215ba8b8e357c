// Writes the fast path of config loading (fast-parse.generated.ts) from the zod schema, so that a valid config
// never loads zod: `npm run schema` runs it, test/config/fast-path-generated.test.ts fails while the committed
// file differs from what it writes. It walks the schema's definitions (`_zod.def`) and emits, for every node,
// a function that returns what zod's parse returns (keys in the schema's order, unknown keys of a loose object
// after them) or FAIL wherever zod would report an issue. What it cannot say exactly it refuses, naming the
// field: a transform, default or coercion (zod's output would differ from its input), a string format, or a
// refinement that is not an exported predicate of one of PREDICATE_MODULES.
import * as cidr from '../k8s/cidr.js';
import * as names from '../k8s/names.js';
import * as text from '../k8s/text.js';
import { TomodaApp } from './schema.js';

export const FAST_PARSE_FILE = 'src/config/fast-parse.generated.ts';

/** Where a refinement's predicate lives, as the generated module imports it: the same function, found by identity. */
export const PREDICATE_MODULES: Record<string, Record<string, unknown>> = { '../k8s/cidr.js': cidr, '../k8s/names.js': names, '../k8s/text.js': text };

interface Def {
  type: string;
  check?: string;
  format?: string;
  coerce?: boolean;
  checks?: Node[];
  [key: string]: unknown;
}
interface Node {
  _zod: { def: Def; values?: Set<unknown>; optin?: string; optout?: string };
}

const defOf = (node: Node): Def => node._zod.def;

export function fastParseSource(schema: unknown = TomodaApp, modules = PREDICATE_MODULES): string {
  const out = new Emitter(modules);
  const root = out.node(schema as Node, '');
  return out.module(root);
}

class Emitter {
  private readonly functions = new Map<string, { name: string; at: string }>();
  private readonly constants = new Map<string, string>();
  private readonly imports = new Map<string, Set<string>>();
  private readonly done = new Map<Node, string>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly modules: Record<string, Record<string, unknown>>) {}

  /** The name of the function that parses `node`; `at` is the first field it serves, for messages and comments. */
  node(node: Node, at: string): string {
    const known = this.done.get(node);
    if (known) return known;
    const def = defOf(node);
    if (def.coerce) refuse(at, 'coerces its input');
    const body = this.body(node, def, at);
    const existing = this.functions.get(body);
    const name = existing?.name ?? this.name(def.type);
    if (!existing) this.functions.set(body, { name, at });
    this.done.set(node, name);
    return name;
  }

  module(root: string): string {
    const imports = [...this.imports]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([from, names]) => `import { ${[...names].sort().join(', ')} } from '${from}';`);
    const constants = [...this.constants].map(([value, name]) => `const ${name} = ${value};`);
    const functions = [...this.functions].map(([body, { name, at }]) => `/** ${at || '(the config)'} */\nfunction ${name}(v: any): any {\n${body}\n}`);
    return [
      '// Generated from src/config/schema.ts by src/config/generate-fast-parse.ts: do not edit; `npm run schema` rewrites it.',
      '// The success path of config loading: what TomodaApp.safeParse returns for a valid config, without loading zod.',
      ...imports,
      "import { array, codePoints, FAIL, object, record, shape } from './fast-parse-runtime.js';",
      "import type { TomodaApp } from './schema.js';",
      '',
      ...constants,
      '',
      functions.join('\n\n'),
      '',
      '/** The config as zod parses it (same keys, same order), or undefined where zod would report an issue. */',
      'export function fastParse(input: unknown): TomodaApp | undefined {',
      `  const out = ${root}(input);`,
      '  return out === FAIL ? undefined : out;',
      '}',
      '',
    ].join('\n');
  }

  private name(type: string): string {
    const n = (this.counts.get(type) ?? 0) + 1;
    this.counts.set(type, n);
    return `${type}${n}`;
  }

  private constant(value: string, prefix: string): string {
    const known = this.constants.get(value);
    if (known) return known;
    const name = `${prefix}${this.constants.size + 1}`;
    this.constants.set(value, name);
    return name;
  }

  private body(node: Node, def: Def, at: string): string {
    switch (def.type) {
      case 'string':
        return returnIf(['typeof v === "string"', ...this.checks(node, def, at, 'string')]);
      case 'number':
        return returnIf(['typeof v === "number"', 'Number.isFinite(v)', ...this.checks(node, def, at, 'number')]);
      case 'boolean':
        return returnIf(['typeof v === "boolean"', ...this.checks(node, def, at, 'boolean')]);
      case 'literal':
      case 'enum':
        return returnIf([this.oneOf(node, at), ...this.checks(node, def, at, def.type)]);
      case 'unknown':
        this.noChecks(def, at);
        return '  return v;';
      case 'optional': {
        this.noChecks(def, at);
        const inner = def.innerType as Node;
        if (inner._zod.optin === 'defaulted') refuse(at, 'has a default inside .optional()');
        return `  return v === undefined ? undefined : ${this.node(inner, at)}(v);`;
      }
      case 'array':
        return this.array(node, def, at);
      case 'object':
        return this.object(def, at);
      case 'record':
        return this.record(def, at);
      case 'union':
        return this.union(def, at);
      default:
        return refuse(at, `is a zod ${def.type}, which the fast path does not express (zod's output may differ from its input)`);
    }
  }

  private oneOf(node: Node, at: string): string {
    const values = [...(node._zod.values ?? [])];
    if (!values.length) refuse(at, 'allows no value');
    for (const value of values) {
      if (!(typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))) {
        refuse(at, `allows ${String(value)}, which the fast path does not compare`);
      }
    }
    return `(${values.map((value) => `v === ${JSON.stringify(value)}`).join(' || ')})`;
  }

  private array(node: Node, def: Def, at: string): string {
    const element = this.node(def.element as Node, `${at}[]`);
    return `  return ${['Array.isArray(v)', ...this.checks(node, def, at, 'array')].join(' && ')} ? array(v, ${element}) : FAIL;`;
  }

  private object(def: Def, at: string): string {
    this.noChecks(def, at);
    const catchall = (def.catchall as Node | undefined) && defOf(def.catchall as Node).type;
    if (catchall !== 'never' && catchall !== 'unknown') refuse(at, 'is an object that strips unknown keys; use z.strictObject or z.looseObject');
    const shape = def.shape as Record<string, Node>;
    if (Object.getOwnPropertySymbols(shape).length) refuse(at, 'has a symbol key');
    const fields = Object.keys(shape).map((key) => {
      if (key === '__proto__' || key in Object.prototype) refuse(at, `has the key ${key}, which every object inherits`);
      const path = at ? `${at}.${key}` : key;
      const field = shape[key]!;
      const { optin, optout } = field._zod;
      if (optin === undefined && optout === undefined) return `[${JSON.stringify(key)}, ${this.node(field, path)}, false]`;
      const inner = defOf(field).innerType as Node | undefined;
      if (defOf(field).type !== 'optional' || defOf(field).checks?.length || !inner || inner._zod.optin !== undefined) {
        this.node(field, path); // refuses a default, a catch or a prefault by name
        refuse(path, `is optional in a way the fast path does not express (optin ${optin}, optout ${optout})`);
      }
      return `[${JSON.stringify(key)}, ${this.node(inner!, path)}, true]`;
    });
    const table = this.constant(`shape(${catchall === 'unknown'}, [\n  ${fields.join(',\n  ')},\n])`, 'SHAPE');
    return `  return object(v, ${table});`;
  }

  private record(def: Def, at: string): string {
    this.noChecks(def, at);
    const key = def.keyType as Node;
    // zod retries a failing numeric key as a number, and treats an enumerable key type as the list of keys; a
    // plain string key type does neither.
    if (defOf(key).type !== 'string' || key._zod.values !== undefined) refuse(at, 'is a record whose keys are not plain strings');
    if (def.mode !== undefined && def.mode !== 'strict') refuse(at, `is a ${String(def.mode)} record`);
    return `  return record(v, ${this.node(key, `${at}.<key>`)}, ${this.node(def.valueType as Node, `${at}.*`)});`;
  }

  private union(def: Def, at: string): string {
    this.noChecks(def, at);
    const extra = Object.keys(def).filter((key) => key !== 'type' && key !== 'options' && def[key] !== undefined);
    if (extra.length) refuse(at, `is a union with ${extra.join(', ')}`);
    const options = (def.options as Node[]).map((option) => this.node(option, at));
    return ['  let r;', ...options.map((option) => `  if ((r = ${option}(v)) !== FAIL) return r;`), '  return FAIL;'].join('\n');
  }

  private noChecks(def: Def, at: string): void {
    if (def.checks?.length) refuse(at, `has checks on a zod ${def.type}`);
  }

  /** One condition per check, in zod's order; a format schema (z.int()) is its own first check. */
  private checks(node: Node, def: Def, at: string, type: string): string[] {
    const checks = [...(def.check ? [node] : []), ...(def.checks ?? [])];
    return checks.map((check) => this.condition(defOf(check), at, type));
  }

  private condition(check: Def, at: string, type: string): string {
    const length = type === 'string' ? 'codePoints(v)' : 'v.length';
    switch (`${type}:${check.check}`) {
      case 'string:min_length':
      case 'array:min_length':
        return `${length} >= ${bound(check.minimum, at)}`;
      case 'string:max_length':
      case 'array:max_length':
        return `${length} <= ${bound(check.maximum, at)}`;
      case 'string:string_format': {
        if (check.format !== 'regex' || !(check.pattern instanceof RegExp)) return refuse(at, `has the string format ${check.format}; use a named refinement`);
        const re = check.pattern;
        const name = this.constant(`/${re.source}/${re.flags}`, 'RE');
        return re.global || re.sticky ? `((${name}.lastIndex = 0), ${name}.test(v))` : `${name}.test(v)`;
      }
      case 'number:number_format':
        if (check.format !== 'safeint') return refuse(at, `has the number format ${check.format}`);
        return 'Number.isSafeInteger(v)';
      case 'number:greater_than':
        return `v ${check.inclusive ? '>=' : '>'} ${bound(check.value, at)}`;
      case 'number:less_than':
        return `v ${check.inclusive ? '<=' : '<'} ${bound(check.value, at)}`;
      default:
        if (check.check === 'custom' || check.type === 'custom') return `${this.predicate(check, at)}(v)`;
        return refuse(at, `has the check ${check.check ?? check.type} on a ${type}, which the fast path does not express`);
    }
  }

  private predicate(check: Def, at: string): string {
    if (check.when !== undefined) refuse(at, 'has a refinement with a `when` condition');
    for (const [from, exports] of Object.entries(this.modules)) {
      const name = Object.keys(exports).find((key) => exports[key] === check.fn);
      if (name) {
        this.imports.set(from, (this.imports.get(from) ?? new Set()).add(name));
        return name;
      }
    }
    return refuse(
      at,
      `has a refinement that is not an exported predicate of ${Object.keys(this.modules).join(', ')}; export it there and pass it to .refine()`,
    );
  }
}

const returnIf = (conditions: string[]): string => `  return ${conditions.join(' && ')} ? v : FAIL;`;

function bound(value: unknown, at: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return refuse(at, `has the bound ${String(value)}`);
  return String(value);
}

function refuse(at: string, why: string): never {
  throw new Error(`${FAST_PARSE_FILE} cannot be generated: ${at || 'the config'} ${why}`);
}

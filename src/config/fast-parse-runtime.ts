// The generic parts of zod's parse as the generated fast path (fast-parse.generated.ts) calls them: objects,
// records, lists and string lengths, read the way zod 4 reads them (src/config/generate-fast-parse.ts says which
// schemas it may stand for; test/property/fast-path.property.test.ts compares the two).

/** What a parse function returns where zod would report an issue (undefined is a value: an optional field's). */
export const FAIL = Symbol('invalid');

export type Parse = (v: any) => any;
export interface Shape {
  loose: boolean;
  /** [key, parse, optional], in the schema's order (the order of zod's output). */
  fields: [string, Parse, boolean][];
  keys: Set<string>;
}

export const shape = (loose: boolean, fields: Shape['fields']): Shape => ({ loose, fields, keys: new Set(fields.map(([key]) => key)) });

/** A strict object (an unknown key fails) or a loose one (unknown keys are copied after the known ones, __proto__ left out). */
export function object(v: any, { loose, fields, keys }: Shape): any {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;
  const out: any = {};
  for (const [key, parse, optional] of fields) {
    if (!(key in v)) {
      if (optional) continue;
      return FAIL;
    }
    let r = v[key];
    if ((r !== undefined || !optional) && (r = parse(r)) === FAIL) return FAIL;
    out[key] = r;
  }
  for (const k in v) {
    if (keys.has(k)) continue;
    if (!loose) return FAIL;
    if (k !== '__proto__') out[k] = v[k];
  }
  return out;
}

/** Own enumerable keys, __proto__ left out, as zod's record reads them; a symbol fails the (string) key schema. */
export function record(v: any, key: Parse, value: Parse): any {
  if (!isPlainObject(v)) return FAIL;
  const out: any = {};
  for (const k of Reflect.ownKeys(v)) {
    if (k === '__proto__' || !Object.prototype.propertyIsEnumerable.call(v, k)) continue;
    if (key(k) === FAIL) return FAIL;
    const r = value(v[k]);
    if (r === FAIL) return FAIL;
    out[k] = r;
  }
  return out;
}

export function array(v: any[], element: Parse): any {
  // Stryker disable next-line ArrayDeclaration: an empty array grows to the same list as every index is assigned in order
  const out = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const r = element(v[i]);
    if (r === FAIL) return FAIL;
    out[i] = r;
  }
  return out;
}

/** zod's record test: an object whose constructor, if it is a function, is one of plain objects. */
function isPlainObject(v: any): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const ctor = v.constructor;
  if (typeof ctor !== 'function') return true;
  const proto = ctor.prototype;
  return typeof proto === 'object' && proto !== null && !Array.isArray(proto) && Object.prototype.hasOwnProperty.call(proto, 'isPrototypeOf');
}

/** A string's length as zod measures it: in code points (a surrogate pair is one). */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

// Kubernetes resource.Quantity with exact decimal arithmetic, as apimachinery parses it: a decimal number with
// an optional binary (Ki…Ei), decimal (n…E) or exponent suffix, rounded up to the nano and capped at 2^63-1.
// Comparisons go through BigInt, so `700m` and `0.7` are the same amount (floating point once said otherwise).

/** A non-negative quantity (requests, limits and metric targets are never negative). */
export const QUANTITY = /^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

export type Quantity = string | number;

const BINARY_POWER: Record<string, bigint> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const NANO_DIGITS = 9;
/** apimachinery caps every quantity at the largest int64. */
const MAX_NANOS = (2n ** 63n - 1n) * 10n ** BigInt(NANO_DIGITS);
/** Beyond this many powers of ten a value is either capped or rounds up to one nano; no need to build the number. */
const EXPONENT_BOUND = 40;

/** The amount in nano units (10^-9), exact, as the API server compares it; undefined when not a quantity. */
export function quantityNanos(quantity: Quantity): bigint | undefined {
  const text = typeof quantity === 'number' ? numberText(quantity) : quantity;
  if (text === undefined) return undefined;
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [whole = '', fraction = ''] = match[1]!.split('.');
  const suffix = match[3] ?? '';
  const digits = BigInt(`${whole}${fraction}` || '0');
  if (digits === 0n) return 0n;
  let exponent = -fraction.length + NANO_DIGITS;
  let binary = 0n;
  if (suffix in BINARY_POWER) binary = BINARY_POWER[suffix]!;
  // `E` alone is exa (10^18); only `e`/`E` followed by digits is an exponent.
  else if (/^[eE][+-]?[0-9]/.test(suffix)) exponent += Number.parseInt(suffix.slice(1), 10);
  else exponent += DECIMAL_EXPONENT[suffix]!;
  if (exponent > EXPONENT_BOUND) return MAX_NANOS;
  if (exponent < -EXPONENT_BOUND) return 1n;
  const scaled = digits * 2n ** binary;
  const nanos = exponent >= 0 ? scaled * 10n ** BigInt(exponent) : ceilDiv(scaled, 10n ** BigInt(-exponent));
  return nanos > MAX_NANOS ? MAX_NANOS : nanos;
}

/** -1, 0 or 1 as a is less than, equal to or more than b; undefined when either is not a quantity. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 | undefined {
  const x = quantityNanos(a);
  const y = quantityNanos(b);
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** A YAML number as the quantity text Kubernetes would read (1e+21 → 1e21); negative numbers are not quantities. */
function numberText(value: number): string | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  return String(value).replace('e+', 'e');
}

// Kubernetes quantities as numbers, for comparisons such as request ≤ limit.
import { QUANTITY } from './schema.js';

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export function quantityValue(quantity: string | number): number {
  if (typeof quantity === 'number') return quantity;
  const match = QUANTITY.exec(quantity);
  if (!match) return Number.NaN;
  const number = Number.parseFloat(match[1]!);
  const suffix = match[3] ?? '';
  if (/^[eE]/.test(suffix)) return number * 10 ** Number.parseInt(suffix.slice(1), 10);
  return number * (BINARY[suffix] ?? DECIMAL[suffix] ?? Number.NaN);
}

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { compareQuantities, quantityNanos } from '../../src/k8s/quantity.js';
import { minimalConfig } from '../support/apps.js';

describe('quantities', () => {
  it.each([
    ['700m', '0.7', 0],
    ['0.7', 700, -1],
    ['1', 1, 0],
    ['1Ki', '1024', 0],
    ['1k', '1000', 0],
    ['1e3', '1k', 0],
    ['1E-3', '1m', 0],
    ['.5', '500m', 0],
    ['5.', '5', 0],
    ['1Ei', '1152921504606846976', 0],
    ['1E', '1000000000000000000', 0], // exa, not an exponent
    ['1E', '1P', 1],
    ['2P', '1E', -1],
    ['256Mi', '268435456', 0],
    ['100m', '0.1', 0],
    ['1n', '0.000000001', 0],
    ['0.1n', '1n', 0], // rounded up to the nano, as apimachinery does
    ['1e100', '9223372036854775807', 0], // capped at 2^63-1
    ['1e-100', '1n', 0],
    ['129Mi', '128Mi', 1],
    ['0', 0, 0],
  ] as const)('%s vs %s → %d', (a, b, expected) => {
    expect(compareQuantities(a, b)).toBe(expected);
  });

  it('is exact where floating point is not', () => {
    expect(quantityNanos('700m')).toBe(700_000_000n);
    expect(quantityNanos(0.7)).toBe(700_000_000n);
    expect(quantityNanos('0.3')).toBe(quantityNanos('100m')! * 3n);
  });

  it('refuses what is not a quantity', () => {
    for (const bad of ['', '1.2.3', '1KiB', '-1', 'one', '1 Gi']) expect(quantityNanos(bad)).toBeUndefined();
    expect(quantityNanos(-1)).toBeUndefined();
  });

  it('takes a request and a limit that are the same amount in two spellings', () => {
    for (const [request, limit] of [
      ['700m', '0.7'],
      ['0.7', '700m'],
      ['1Gi', '1024Mi'],
      ['1000M', '1G'],
      ['300m', 0.3],
    ] as const) {
      const config = minimalConfig();
      config.spec.backend.pools.api.resources = { requests: { cpu: request }, limits: { cpu: limit } };
      expect(loadConfig(config).results.map((r) => r.tags?.code)).toEqual([]);
    }
  });
});

// Quantities compared as Kubernetes compares them (requests against limits, the memory request against the default
// limit), through loadConfig, so the test holds wherever the arithmetic lives.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { resolveModel } from '../../src/config/model.js';
import { minimalConfig } from '../support/apps.js';

function resources(requests: Record<string, unknown>, limits: Record<string, unknown>): Record<string, any> {
  const config = minimalConfig();
  config.spec.backend.pools.api.resources = { requests, limits };
  return config;
}
const aboveLimit = (resource: 'cpu' | 'memory', request: unknown, limit: unknown): boolean =>
  loadConfig(resources({ [resource]: request }, { [resource]: limit })).results.some((r) => r.tags?.code === 'request-above-limit');

describe('request above limit', () => {
  it.each([
    ['cpu', '500m', '0.5', false],
    ['cpu', '501m', '0.5', true],
    ['cpu', 0.5, '500m', false],
    ['cpu', '1', 1, false],
    ['cpu', '1001m', 1, true],
    ['cpu', '1e3m', '1', false],
    ['cpu', '2', '1e0', true],
    ['cpu', '1000u', '1m', false],
    ['cpu', '1001u', '1m', true],
    ['cpu', '1000000n', '1m', false],
    ['cpu', '1000001n', '1m', true],
    ['memory', '1Ki', '1k', true],
    ['memory', '1k', '1Ki', false],
    ['memory', '1Gi', '1073741824', false],
    ['memory', '1Gi', '1073741823', true],
    ['memory', '1.5Gi', '1536Mi', false],
    ['memory', '1M', '1Mi', false],
    ['memory', '1Mi', '1M', true],
    ['memory', '1T', '1G', true],
    ['memory', '1Ti', '1Gi', true],
    ['memory', '.5Gi', '512Mi', false],
    ['memory', '2e3', '1k', true],
    ['memory', '1E+3', '1k', false],
    ['memory', '1e-3', '1m', false],
  ] as const)('%s request %s against limit %s: %s', (resource, request, limit, above) => {
    expect(aboveLimit(resource, request, limit)).toBe(above);
  });
});

describe('the default memory limit', () => {
  const limitOf = (request: string | number): unknown => {
    const config = minimalConfig();
    config.spec.backend.pools.api.resources = { requests: { memory: request } };
    const { app } = loadConfig(config);
    return resolveModel(app!).workloads[0]!.resources.limits.memory;
  };

  it('is 256Mi, or the memory request where that asks for more', () => {
    expect(limitOf('64Mi')).toBe('256Mi');
    expect(limitOf('256Mi')).toBe('256Mi');
    expect(limitOf('268435456')).toBe('256Mi');
    expect(limitOf('268435457')).toBe('268435457');
    expect(limitOf('257Mi')).toBe('257Mi');
    expect(limitOf('1Gi')).toBe('1Gi');
    expect(limitOf(268435457)).toBe(268435457);
  });
});

// Regressions for bugs that the property and hostile-input tests found: each config here was accepted and
// then rendered an object the API server refuses (caught by the post-render checks as an internal error).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { minimalConfig } from '../support/apps.js';

const problems = (config: unknown) => loadConfig(config).results.map((r) => `${r.severity} ${r.tags?.code} ${r.field?.path}`);

describe('configs that used to render invalid objects', () => {
  it('a workload whose default Service name would be longer than 63 characters or start with a digit', () => {
    const config = minimalConfig();
    config.spec.backend.pools = { ['a'.repeat(60)]: { mode: 'm', service: {} }, '1api': { mode: 'm', service: {} }, '2api': { mode: 'm', service: { name: 'api' } } };
    expect(problems(config)).toEqual([
      'error invalid-name spec.backend.pools.1api.service.name',
      `error invalid-name spec.backend.pools.${'a'.repeat(60)}.service.name`,
    ]);
    expect(loadConfig(config).results[0]!.message).toContain('set service.name');
  });
});

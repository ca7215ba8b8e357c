// Rules at their edges: the longest value a rule accepts and the shortest it refuses, and every key a rule covers,
// so a limit off by one or a rule narrowed to one case fails here.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { fullConfig, minimalConfig } from '../support/apps.js';

const problems = (config: unknown): string[] => loadConfig(config).results.map((r) => `${r.severity} ${r.tags?.code} ${r.field?.path}`);

describe('Service names', () => {
  it('a default name <workload>-service of 63 characters is accepted, of 64 refused', () => {
    const config = minimalConfig();
    config.spec.backend.pools = { ['a'.repeat(55)]: { mode: 'async', service: {} } };
    expect(problems(config)).toEqual([]);
    config.spec.backend.pools = { ['a'.repeat(56)]: { mode: 'async', service: {} } };
    expect(problems(config)).toEqual([`error invalid-name spec.backend.pools.${'a'.repeat(56)}.service.name`]);
  });

  it('an explicit name of 63 characters is accepted, of 64 refused', () => {
    const config = minimalConfig();
    config.spec.backend.pools.api.service = { name: `s${'a'.repeat(62)}` };
    expect(problems(config)).toEqual([]);
    config.spec.backend.pools.api.service = { name: `s${'a'.repeat(63)}` };
    expect(problems(config)).toEqual(['error out-of-range spec.backend.pools.api.service.name']);
  });

  it('a default name that starts with a digit is refused', () => {
    const config = minimalConfig();
    config.spec.backend.pools = { '1api': { mode: 'async', service: {} } };
    expect(problems(config)).toEqual(['error invalid-name spec.backend.pools.1api.service.name']);
  });
});

describe('duplicate names', () => {
  it('two workloads whose Services share a name: the second is an error at its service.name', () => {
    const config = fullConfig();
    config.spec.frontend.service = { name: 'backend-service' };
    expect(problems(config)).toEqual(['error duplicate-name spec.frontend.service.name']);
    expect(loadConfig(config).results[0]!.message).toContain('Service "backend-service" is already used by api');
  });

  it('a default Service name that equals an explicit one is a duplicate too', () => {
    const config = fullConfig();
    config.spec.backend.pools.api.service = { name: 'worker-service' };
    config.spec.backend.pools.worker.service = {};
    expect(problems(config)).toEqual(['error duplicate-name spec.backend.pools.worker.service.name']);
  });

  it('two secrets that write the same Secret: the later id is an error at its name', () => {
    const config = fullConfig();
    config.spec.secrets.s3.name = 'backend';
    expect(problems(config)).toEqual(['error duplicate-name spec.secrets.s3.name']);
    expect(loadConfig(config).results[0]!.message).toContain('Secret "backend" is already written by secrets.backend');
  });
});

describe('reserved labels', () => {
  it('refuses app and every app.kubernetes.io/ key in spec.labels, and accepts others', () => {
    const config = fullConfig();
    config.spec.labels = {
      app: 'x',
      'app.kubernetes.io/name': 'x',
      'app.kubernetes.io/part-of': 'x',
      'app.kubernetes.io/managed-by': 'x',
      'app.kubernetes.io/component': 'x',
      'app.kubernetes.io/version': 'x',
      'example.com/app': 'x',
      'app.kubernetes.io.example.com/team': 'x',
      application: 'x',
    };
    expect(problems(config)).toEqual([
      'error reserved-label spec.labels.app',
      'error reserved-label spec.labels["app.kubernetes.io/name"]',
      'error reserved-label spec.labels["app.kubernetes.io/part-of"]',
      'error reserved-label spec.labels["app.kubernetes.io/managed-by"]',
      'error reserved-label spec.labels["app.kubernetes.io/component"]',
      'error reserved-label spec.labels["app.kubernetes.io/version"]',
    ]);
  });
});

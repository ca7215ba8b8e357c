import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Result } from '../../src/results.js';
import { fullConfig, minimalConfig } from '../support/apps.js';

const problems = (config: unknown): Array<{ code?: string; path?: string; severity: string }> =>
  loadConfig(config).results.map((r: Result) => ({ code: r.tags?.code, path: r.field?.path, severity: r.severity }));

describe('loadConfig', () => {
  it('accepts the minimal and the full config without results', () => {
    expect(loadConfig(minimalConfig()).results).toEqual([]);
    expect(loadConfig(fullConfig()).results).toEqual([]);
  });

  it('applies defaults', () => {
    const config = minimalConfig();
    delete config.spec.backend.image.tag;
    const { model } = loadConfig(config);
    expect(model?.environment).toBe('dev');
    expect(model?.workloads[0]?.image).toBe('registry.example.com/team/backend:latest');
  });

  it('names unknown fields with the nearest known key', () => {
    const config = minimalConfig();
    config.spec.backend.pools.api.replica = 2;
    config.spec.backend.image.pullPolcy = 'Always';
    const { results } = loadConfig(config);
    expect(results.map((r) => [r.field?.path, r.tags?.code])).toEqual([
      ['spec.backend.image.pullPolcy', 'unknown-field'],
      ['spec.backend.pools.api.replica', 'unknown-field'],
    ]);
    expect(results[1]!.message).toContain('did you mean "replicas"?');
    expect(results[0]!.message).toContain('did you mean "pullPolicy"?');
  });

  it('lists the known fields when nothing is close', () => {
    const config = minimalConfig();
    config.spec.zzzzzzzz = true;
    const [result] = loadConfig(config).results;
    expect(result?.field?.path).toBe('spec.zzzzzzzz');
    expect(result?.message).toContain('known fields: environment, namespace');
  });

  it('reports missing fields as required, with their path', () => {
    const config = minimalConfig();
    delete config.spec.backend.pools.api.mode;
    expect(problems(config)).toEqual([{ code: 'required', path: 'spec.backend.pools.api.mode', severity: 'error' }]);
  });

  it('checks DNS-1123 names in map keys and fields', () => {
    const config = minimalConfig();
    config.spec.backend.pools = { Api_Pool: { mode: 'async' } };
    config.metadata.name = 'Demo';
    expect(problems(config)).toEqual([
      { code: 'invalid-value', path: 'metadata.name', severity: 'error' },
      { code: 'invalid-key', path: 'spec.backend.pools.Api_Pool', severity: 'error' },
    ]);
  });

  it('parses quantities and rejects units Kubernetes does not know', () => {
    const config = minimalConfig();
    config.spec.backend.pools.api.resources = { requests: { cpu: 0.5, memory: '64Mi' }, limits: { memory: '512MB' } };
    expect(problems(config)).toEqual([{ code: 'invalid-value', path: 'spec.backend.pools.api.resources.limits.memory', severity: 'error' }]);
  });

  it('asks for strings to be quoted', () => {
    const config = minimalConfig();
    config.spec.backend.env = { PORT: 8080 };
    const [result] = loadConfig(config).results;
    expect(result?.field?.path).toBe('spec.backend.env.PORT');
    expect(result?.message).toContain('quote it');
  });

  it('suggests the enum value a typo meant', () => {
    const config = minimalConfig();
    config.spec.backend.imagePullPolicy = 'ifNotPresent';
    const [result] = loadConfig(config).results;
    expect(result?.message).toContain('did you mean "IfNotPresent"?');
  });

  it('rejects another kind and an unknown version before anything else', () => {
    expect(problems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toEqual([{ code: 'wrong-kind', path: 'kind', severity: 'error' }]);
    expect(problems({ ...minimalConfig(), apiVersion: 'tomoda.life/v2' })).toEqual([{ code: 'unknown-version', path: 'apiVersion', severity: 'error' }]);
    expect(problems('text')).toEqual([{ code: 'not-an-object', path: undefined, severity: 'error' }]);
  });

  it('refuses prototype keys anywhere', () => {
    const config = minimalConfig();
    config.spec.backend.env = JSON.parse('{"__proto__": {"polluted": "yes"}}');
    expect(problems(config)).toEqual([{ code: 'reserved-key', path: 'spec.backend.env.__proto__', severity: 'error' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('cross-field rules', () => {
  it('min above max', () => {
    const config = fullConfig();
    config.spec.backend.pools.api.autoscaling = { minReplicas: 5, maxReplicas: 2 };
    expect(problems(config)).toContainEqual({ code: 'hpa-bounds', path: 'spec.backend.pools.api.autoscaling.minReplicas', severity: 'error' });
  });

  it('an ingress route needs a workload with a Service', () => {
    const config = fullConfig();
    config.spec.ingress.routes.worker = { host: 'worker.example.com', to: 'worker' };
    config.spec.ingress.routes.typo = { host: 'typo.example.com', to: 'frontnd' };
    const results = loadConfig(config).results;
    expect(results.map((r) => [r.tags?.code, r.field?.path])).toEqual([
      ['unknown-reference', 'spec.ingress.routes.typo.to'],
      ['no-service', 'spec.ingress.routes.worker.to'],
    ]);
    expect(results[0]!.message).toContain('did you mean "frontend"?');
  });

  it('workload and Service names are unique', () => {
    const config = fullConfig();
    config.spec.frontend.name = 'api';
    config.spec.frontend.service = { name: 'backend-service' };
    expect(problems(config).map((p) => [p.code, p.path])).toEqual([
      ['duplicate-name', 'spec.frontend.name'],
      ['duplicate-name', 'spec.frontend.service.name'],
      ['unknown-reference', 'spec.ingress.routes.app.to'], // the route to "frontend" lost its target
    ]);
  });

  it('two secrets that write the same Secret are an error', () => {
    const config = fullConfig();
    config.spec.secrets.s3.name = 'backend';
    expect(problems(config)).toEqual([{ code: 'duplicate-name', path: 'spec.secrets.s3.name', severity: 'error' }]);
  });

  it('envFrom entries name something the app renders, or say it is made elsewhere', () => {
    const config = fullConfig();
    config.spec.backend.envFrom = ['secrets.backnd', 'secret:made-elsewhere', 'configMap:also-elsewhere', 'config', 'config'];
    expect(problems(config)).toEqual([
      { code: 'unknown-reference', path: 'spec.backend.envFrom[0]', severity: 'error' },
      { code: 'duplicate-entry', path: 'spec.backend.envFrom[4]', severity: 'error' },
    ]);
  });

  it('a secret has exactly one provider', () => {
    const config = fullConfig();
    config.spec.secrets.backend.aws = { key: 'x', properties: { A: 'a' } };
    delete config.spec.secrets.s3.aws;
    expect(problems(config).map((p) => p.path)).toEqual(['spec.secrets.backend', 'spec.secrets.s3']);
  });

  it('requests above limits are errors', () => {
    const config = fullConfig();
    config.spec.backend.pools.worker.resources = { requests: { cpu: '2' }, limits: { cpu: '500m' } };
    expect(problems(config)).toEqual([{ code: 'request-above-limit', path: 'spec.backend.pools.worker.resources.requests.cpu', severity: 'error' }]);
  });

  it('a PDB that blocks every drain is a warning with the numbers, and the app still renders', () => {
    const config = fullConfig();
    config.spec.backend.pools.api.autoscaling.minReplicas = 1;
    const { app, results } = loadConfig(config);
    expect(app).toBeDefined();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ severity: 'warning', field: { path: 'spec.backend.pools.api.disruptionBudget' }, tags: { code: 'pdb-blocks-drain' } });
    expect(results[0]!.message).toContain('minAvailable 50% at 1 replica');
  });

  it('a PDB that leaves room at the minimum is fine', () => {
    const config = fullConfig();
    config.spec.backend.pools.worker.disruptionBudget = { maxUnavailable: 1 };
    expect(loadConfig(config).results).toEqual([]);
  });

  it('SERVER_MODE comes from mode only', () => {
    const config = fullConfig();
    config.spec.backend.pools.worker.env = { SERVER_MODE: 'api' };
    expect(problems(config)).toEqual([{ code: 'reserved-env', path: 'spec.backend.pools.worker.env.SERVER_MODE', severity: 'error' }]);
  });

  it('waivers that break Pod Security restricted are warnings', () => {
    const config = fullConfig();
    config.spec.backend.pools.worker.security = { runAsNonRoot: false };
    expect(problems(config)).toEqual([{ code: 'not-restricted', path: 'spec.backend.pools.worker.security.runAsNonRoot', severity: 'warning' }]);
  });
});

describe('name hints', () => {
  it('suggests a valid DNS name for an invalid one', () => {
    const config = minimalConfig();
    config.spec.backend.pools = { Web_Pool: { mode: 'async' } };
    config.spec.secrets = { db: { name: 'DB.Secret_', store: { name: 'gsm' }, gcp: { keys: { A: 'a' } } } };
    const messages = loadConfig(config).results.map((r) => r.message);
    expect(messages[0]).toContain('try "web-pool"');
    expect(messages[1]).toContain('try "db.secret"');
  });
});

describe('defaults that follow the config', () => {
  it('a memory request above the default limit raises the limit to the request instead of failing', () => {
    const config = fullConfig();
    config.spec.backend.pools.worker.resources = { requests: { memory: '1Gi' } };
    const { app, results } = loadConfig(config);
    expect(results).toEqual([]);
    expect(app).toBeDefined();
  });

  it('runAsUser 0 with runAsNonRoot is an error (the pod could not start); without it, a warning', () => {
    const config = fullConfig();
    config.spec.backend.pools.worker.security = { runAsUser: 0 };
    expect(problems(config)).toEqual([{ code: 'root-user', path: 'spec.backend.pools.worker.security.runAsUser', severity: 'error' }]);
    config.spec.backend.pools.worker.security = { runAsUser: 0, runAsNonRoot: false };
    expect(problems(config).map((p) => p.severity)).toEqual(['warning', 'warning']);
  });
});

// Each cross-field rule on both sides of its condition, with the code, path and the numbers its message gives.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { resolveModel } from '../../src/config/model.js';
import { fullConfig, minimalConfig } from '../support/apps.js';

const problems = (config: unknown): string[] => loadConfig(config).results.map((r) => `${r.severity} ${r.tags?.code} ${r.field?.path}`);
/** Messages without the field path they start with. */
const messages = (config: unknown): string[] => loadConfig(config).results.map((r) => r.message.replace(`${r.field?.path}: `, ''));

describe('disruption budgets', () => {
  const withBudget = (budget: Record<string, unknown>, replicas: number): Record<string, any> => {
    const config = minimalConfig();
    config.spec.backend.pools.api.replicas = replicas;
    config.spec.backend.pools.api.disruptionBudget = budget;
    return config;
  };

  it.each([
    [{ minAvailable: 1 }, 2, []],
    [{ minAvailable: 2 }, 2, ['minAvailable 2 at 2 replicas allows no voluntary eviction']],
    [{ minAvailable: 3 }, 2, ['minAvailable 3 at 2 replicas allows no voluntary eviction']],
    [{ minAvailable: '50%' }, 2, []],
    [{ minAvailable: '51%' }, 2, ['minAvailable 51% at 2 replicas allows no voluntary eviction']], // rounds up to 2
    [{ minAvailable: '50%' }, 1, ['minAvailable 50% at 1 replica allows no voluntary eviction']],
    [{ maxUnavailable: 0 }, 3, ['maxUnavailable 0 at 3 replicas allows no voluntary eviction']],
    [{ maxUnavailable: 1 }, 3, []],
    [{ maxUnavailable: '0%' }, 3, ['maxUnavailable 0% at 3 replicas allows no voluntary eviction']],
    [{ maxUnavailable: '1%' }, 3, []], // rounds up to 1
    [{ minAvailable: 5 }, 0, []], // no pods, nothing to drain
  ])('%j at %i replicas', (budget, replicas, expected) => {
    const found = messages(withBudget(budget, replicas));
    expect(found.map((m) => m.split(', so ')[0])).toEqual(expected);
  });

  it('says what to change, by the bound that blocks', () => {
    expect(messages(withBudget({ minAvailable: 1 }, 1))[0]).toMatch(/raise the minimum replicas or lower minAvailable$/);
    expect(messages(withBudget({ maxUnavailable: 0 }, 1))[0]).toMatch(/set maxUnavailable to 1 or more$/);
    expect(problems(withBudget({ maxUnavailable: 0 }, 1))).toEqual(['warning pdb-blocks-drain spec.backend.pools.api.disruptionBudget']);
  });

  it('needs exactly one bound', () => {
    expect(problems(withBudget({ minAvailable: 1, maxUnavailable: 1 }, 3))).toEqual(['error one-bound spec.backend.pools.api.disruptionBudget']);
    expect(problems(withBudget({}, 3))).toEqual(['error one-bound spec.backend.pools.api.disruptionBudget']);
  });

  it('counts the HPA minimum as the lowest replica count', () => {
    const config = withBudget({ minAvailable: 2 }, 5);
    config.spec.backend.pools.api.autoscaling = { minReplicas: 2, maxReplicas: 4 };
    expect(messages(config)[0]).toContain('minAvailable 2 at 2 replicas');
  });
});

describe('autoscaling', () => {
  it('minReplicas equal to maxReplicas is fine, above it an error', () => {
    const config = minimalConfig();
    config.spec.backend.pools.api.autoscaling = { minReplicas: 3, maxReplicas: 3 };
    expect(problems(config)).toEqual([]);
    config.spec.backend.pools.api.autoscaling = { minReplicas: 4, maxReplicas: 3 };
    expect(problems(config)).toEqual(['error hpa-bounds spec.backend.pools.api.autoscaling.minReplicas']);
    expect(messages(config)).toEqual(['minReplicas 4 is above maxReplicas 3; lower minReplicas or raise maxReplicas']);
  });

  it('an external metric needs exactly one target', () => {
    const config = minimalConfig();
    config.spec.backend.pools.api.autoscaling = {
      maxReplicas: 3,
      external: {
        both: { metric: 'm', value: 1, averageValue: 1 },
        none: { metric: 'm' },
        value: { metric: 'm', value: 1 },
        average: { metric: 'm', averageValue: '1' },
      },
    };
    expect(problems(config)).toEqual([
      'error one-target spec.backend.pools.api.autoscaling.external.both',
      'error one-target spec.backend.pools.api.autoscaling.external.none',
    ]);
  });
});

describe('requests and limits', () => {
  it('a request equal to its limit is fine; each resource is compared on its own', () => {
    const config = minimalConfig();
    config.spec.backend.pools.api.resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };
    expect(problems(config)).toEqual([]);
    config.spec.backend.pools.api.resources = { requests: { cpu: '2', memory: '2Gi' }, limits: { cpu: '1', memory: '1Gi' } };
    expect(problems(config)).toEqual([
      'error request-above-limit spec.backend.pools.api.resources.requests.cpu',
      'error request-above-limit spec.backend.pools.api.resources.requests.memory',
    ]);
    expect(messages(config)[0]).toBe('request 2 is above the limit 1; Kubernetes rejects such a pod');
  });

  it('the shared limit applies to every pool, the shared request to every pool without its own', () => {
    const config = minimalConfig();
    config.spec.backend.resources = { requests: { cpu: '2' }, limits: { cpu: '1' } };
    config.spec.backend.pools.worker = { mode: 'async', resources: { requests: { cpu: '500m' } } };
    expect(problems(config)).toEqual(['error request-above-limit spec.backend.pools.api.resources.requests.cpu']);
  });
});

describe('security', () => {
  it('runAsNonRoot false is a warning, runAsUser other than 0 is nothing', () => {
    const config = minimalConfig();
    config.spec.backend.pools.api.security = { runAsUser: 1 };
    expect(problems(config)).toEqual([]);
    config.spec.backend.security = { runAsNonRoot: false };
    expect(problems(config)).toEqual(['warning not-restricted spec.backend.pools.api.security.runAsNonRoot']);
  });
});

describe('envFrom, config and routes', () => {
  it('an external name of 253 characters is accepted, of 254 refused', () => {
    const config = minimalConfig();
    config.spec.backend.envFrom = [`secret:${'a'.repeat(253)}`];
    expect(problems(config)).toEqual([]);
    config.spec.backend.envFrom = [`secret:${'a'.repeat(254)}`, 'configMap:Bad_Name'];
    expect(problems(config)).toEqual(['error invalid-name spec.backend.envFrom[0]', 'error invalid-name spec.backend.envFrom[1]']);
    expect(messages(config)[1]).toContain('is not a ConfigMap name');
    expect(messages(config)[0]).toContain('is not a Secret name');
  });

  it('an unknown entry with nothing close lists what an entry may be', () => {
    const config = minimalConfig();
    config.spec.backend.envFrom = ['zzzzzzzz'];
    expect(messages(config)).toEqual([
      '"zzzzzzzz" names no secret or config of this app; use secrets.<id>, config, or secret:<name> / configMap:<name> for an object made elsewhere',
    ]);
  });

  it('without envFrom, the backend reads every secret in id order, then config', () => {
    const config = fullConfig();
    delete config.spec.backend.envFrom;
    const { app } = loadConfig(config);
    expect(resolveModel(app!).workloads[0]!.envFrom.map((s) => `${s.kind}:${s.name}`)).toEqual([
      'secret:backend',
      'secret:s3-uploader-secret',
      'configMap:backend-config-prod',
    ]);
  });

  it('config.extra may not repeat a typed key', () => {
    const config = fullConfig();
    config.spec.config.extra = { DB_HOST: 'x', REDIS_PORT: '1', OTHER: 'y' };
    expect(problems(config)).toEqual(['error duplicate-key spec.config.extra.DB_HOST', 'error duplicate-key spec.config.extra.REDIS_PORT']);
  });

  it('two routes with one host and path clash; the same host with another path does not', () => {
    const config = fullConfig();
    config.spec.ingress.routes.again = { host: 'api.example.com', to: 'api' };
    config.spec.ingress.routes.other = { host: 'api.example.com', to: 'api', path: '/v2' };
    expect(problems(config)).toEqual(['error duplicate-route spec.ingress.routes.api.path']);
    expect(messages(config)).toEqual(['api.example.com/ is already routed by routes.again']);
  });

  it('a route to a workload without a Service says which port to give it', () => {
    const config = fullConfig();
    config.spec.ingress.routes.app.to = 'worker';
    expect(messages(config)).toEqual(['worker has no Service to route to; add service: {port: 8080} to spec.backend.pools.worker']);
  });

  it('an ingress needs a route, a backend a pool', () => {
    const config = fullConfig();
    config.spec.ingress.routes = {};
    config.spec.backend.pools = {};
    delete config.spec.frontend;
    expect(problems(config)).toEqual(['error required spec.backend.pools', 'error required spec.ingress.routes']);
  });

  it('a secret needs at least one key', () => {
    const config = fullConfig();
    config.spec.secrets.backend.gcp.keys = {};
    config.spec.secrets.s3.aws.properties = {};
    expect(problems(config)).toEqual(['error required spec.secrets.backend.gcp.keys', 'error required spec.secrets.s3.aws.properties']);
  });

  it('SERVER_MODE is refused in the shared env too', () => {
    const config = minimalConfig();
    config.spec.backend.env = { SERVER_MODE: 'x' };
    expect(problems(config)).toEqual(['error reserved-env spec.backend.env.SERVER_MODE']);
  });
});

describe('what every rule says', () => {
  it('suggests config for a misspelt config entry, and names one-provider for a secret with none', () => {
    const config = fullConfig();
    config.spec.backend.envFrom = ['confg'];
    config.spec.secrets.s3 = { store: { name: 'aws-sm' } };
    expect(problems(config)).toEqual(['error unknown-reference spec.backend.envFrom[0]', 'error one-provider spec.secrets.s3']);
    expect(messages(config)[0]).toContain('did you mean "config"?');
  });

  it.each(['/a%2fb', '/a%2Fb', '/a/.', '/a/..'])('refuses the Prefix path %s', (path) => {
    const config = fullConfig();
    config.spec.ingress.routes.api.path = path;
    expect(problems(config)).toEqual(['error invalid-path spec.ingress.routes.api.path']);
  });

  it('gives a sentence, for each rule', () => {
    const broken: Array<(c: Record<string, any>) => void> = [
      (c) => {
        c.spec.labels = { app: 'x' };
        c.spec.backend.env = { SERVER_MODE: 'x' };
        c.spec.backend.envFrom = ['config', 'config'];
        c.spec.secrets.backend.gcp.keys = {};
        c.spec.secrets.s3 = { store: { name: 'aws-sm' } };
        c.spec.config.extra = { DB_HOST: 'x' };
        c.spec.ingress.routes.api.path = '/a//b';
        c.spec.backend.pools.api.autoscaling.external = { q: { metric: 'm' } };
        c.spec.backend.pools.worker.disruptionBudget = {};
        c.spec.backend.pools.worker.security = { runAsUser: 0 };
      },
      (c) => {
        c.spec.backend.pools = {};
        c.spec.ingress.routes = {};
      },
    ];
    for (const change of broken) {
      const config = fullConfig();
      change(config);
      const results = loadConfig(config).results;
      expect(results.length).toBeGreaterThan(1);
      for (const result of results) expect(result.message).toMatch(/^\S.{10,}/);
    }
  });
});

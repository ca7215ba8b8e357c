// Configs that were accepted and then rendered an object the API server refuses (the post-render checks
// caught each as an internal error): derived names, reserved labels, label and annotation keys, Ingress paths.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { formatResult } from '../../src/results.js';
import { minimalConfig } from '../support/apps.js';

const problems = (config: unknown) => loadConfig(config).results.map((r) => `${r.severity} ${r.tags?.code} ${r.field?.path}`);

describe('configs that used to render invalid objects', () => {
  it('a workload whose default Service name would be longer than 63 characters or start with a digit', () => {
    const config = minimalConfig();
    config.spec.backend.pools = {
      ['a'.repeat(60)]: { mode: 'm', service: {} },
      '1api': { mode: 'm', service: {} },
      '2api': { mode: 'm', service: { name: 'api' } },
    };
    expect(problems(config)).toEqual([
      'error invalid-name spec.backend.pools.1api.service.name',
      `error invalid-name spec.backend.pools.${'a'.repeat(60)}.service.name`,
    ]);
    expect(loadConfig(config).results[0]!.message).toContain('set service.name');
  });
});

describe('configs that rendered objects the API server refuses (caught by the post-render checks)', () => {
  const withChange = (change: (config: Record<string, any>) => void): string[] => {
    const config = minimalConfig();
    config.spec.backend.pools.api.autoscaling = { minReplicas: 2, maxReplicas: 3 };
    change(config);
    return problems(config);
  };

  it('spec.labels that override the selector label or the ownership labels', () => {
    expect(withChange((c) => (c.spec.labels = { app: 'other', 'app.kubernetes.io/managed-by': 'helm', team: 'core' }))).toEqual([
      'error reserved-label spec.labels.app',
      'error reserved-label spec.labels["app.kubernetes.io/managed-by"]',
    ]);
  });

  it('spec.labels keys and values that are not labels', () => {
    expect(withChange((c) => (c.spec.labels = { 'a b': 'x', team: 'platform team', long: 'x'.repeat(64), 'example.com/ok': 'v1.2' }))).toEqual([
      'error invalid-key spec.labels["a b"]',
      'error invalid-value spec.labels.team',
      'error invalid-value spec.labels.long',
    ]);
  });

  it('Ingress annotation keys that are not qualified names', () => {
    expect(
      withChange(
        (c) =>
          (c.spec.ingress = {
            annotations: { 'not a key': 'x', 'traefik.ingress.kubernetes.io/router.tls': 'true' },
            routes: { a: { host: 'a.example.com', to: 'api' } },
          }),
      ),
    ).toEqual(['error invalid-key spec.ingress.annotations["not a key"]']);
  });

  it('Prefix and Exact route paths with "//", "/./", "/../" or a final "/.."; ImplementationSpecific may have them', () => {
    const routes = {
      a: { host: 'a.example.com', to: 'api', path: '/a/../b' },
      b: { host: 'b.example.com', to: 'api', path: '//', pathType: 'Exact' },
      c: { host: 'c.example.com', to: 'api', path: '/x/..' },
      d: { host: 'd.example.com', to: 'api', path: '/x//y', pathType: 'ImplementationSpecific' },
    };
    expect(withChange((c) => (c.spec.ingress = { routes }))).toEqual([
      'error invalid-path spec.ingress.routes.a.path',
      'error invalid-path spec.ingress.routes.b.path',
      'error invalid-path spec.ingress.routes.c.path',
    ]);
  });

  it('a disruption budget percentage above 100%', () => {
    expect(withChange((c) => (c.spec.backend.pools.api.disruptionBudget = { maxUnavailable: '150%' }))).toEqual([
      'error invalid-value spec.backend.pools.api.disruptionBudget.maxUnavailable',
    ]);
    expect(withChange((c) => (c.spec.backend.pools.api.disruptionBudget = { maxUnavailable: '100%' }))).toEqual([]);
  });

  it('an external metric whose name or selector the HPA API refuses', () => {
    expect(
      withChange((c) => (c.spec.backend.pools.api.autoscaling.external = { q: { metric: 'a/b', matchLabels: { queue: 'a b' }, averageValue: '10' } })),
    ).toEqual([
      'error invalid-value spec.backend.pools.api.autoscaling.external.q.metric',
      'error invalid-value spec.backend.pools.api.autoscaling.external.q.matchLabels.queue',
    ]);
  });

  it('secret:<name> and configMap:<name> entries whose name is not a DNS-1123 subdomain', () => {
    expect(withChange((c) => (c.spec.backend.envFrom = ['secret:Bad Name', `configMap:${'a'.repeat(254)}`, 'secret:shared.credentials']))).toEqual([
      'error invalid-name spec.backend.envFrom[0]',
      'error invalid-name spec.backend.envFrom[1]',
    ]);
  });
});

describe('results on stderr', () => {
  it('stay one line when a key or value from the input holds a line break or another control character', () => {
    const config = minimalConfig();
    config.spec.backend.pools.api['multi\nline'] = 1;
    config.spec.backend.pools.api['tab\there\u2028'] = 1;
    const lines = loadConfig(config).results.map(formatResult);
    expect(lines).toEqual([
      'error: spec.backend.pools.api["multi\\nline"]: unknown field "multi\\nline"; known fields: mode, port, replicas, resources, probes, env, imagePullPolicy, service, ingressFrom, autoscaling, disruptionBudget, security, terminationGracePeriodSeconds, egress, monitoring, serviceAccount, scheduling, preStop, rollout, reloadOnChange, labels, annotations, podLabels, podAnnotations, volumes, patches, keda',
      'error: spec.backend.pools.api["tab\\there\\u2028"]: unknown field "tab\\there\\u2028"; known fields: mode, port, replicas, resources, probes, env, imagePullPolicy, service, ingressFrom, autoscaling, disruptionBudget, security, terminationGracePeriodSeconds, egress, monitoring, serviceAccount, scheduling, preStop, rollout, reloadOnChange, labels, annotations, podLabels, podAnnotations, volumes, patches, keda',
    ]);
  });
});

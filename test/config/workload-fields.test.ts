// Production workload fields (issue 10): each cross-field rule by code and path, what the model renders for
// workers, probes, identity, scheduling and drain, the post-render checks that back the rules, and the patch
// escape hatch (applied inside the function, judged by the same checks).
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { parseResourceList } from '../../src/io/resource-list.js';
import { processResourceList } from '../../src/process.js';
import { renderAll, type KubeObject } from '../../src/render/index.js';
import { jsonPatch, mergePatch } from '../../src/render/patch.js';
import { verifyContextOf } from '../../src/verify/context.js';
import { verifyRendered } from '../../src/verify/index.js';
import { minimalConfig } from '../support/apps.js';

type Config = Record<string, any>;

const withPool = (pool: Config, extra: (config: Config) => void = () => {}): Config => {
  const config = minimalConfig();
  config.spec.backend.pools = { api: { mode: 'multi-hub', ...pool } };
  extra(config);
  return config;
};

const codes = (config: Config): string[] => loadConfig(config).results.map((r) => `${r.severity} ${r.tags?.code} ${r.field?.path ?? ''}`);

function render(config: Config): KubeObject[] {
  const { app, model, results } = loadConfig(config);
  if (!app || !model) throw new Error(results.map((r) => r.message).join('; '));
  const objects = renderAll(model, { hashSuffix: false });
  expect(verifyRendered(objects, verifyContextOf(model))).toEqual([]);
  return objects;
}

const deployment = (objects: KubeObject[], name = 'api'): any => objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
const container = (objects: KubeObject[], name = 'api'): any => deployment(objects, name).spec.template.spec.containers[0];

describe('cross-field rules', () => {
  it.each([
    ['grace ≤ preStop sleep', { preStop: { sleepSeconds: 30 } }, 'error grace-too-short spec.backend.pools.api.preStop.sleepSeconds'],
    [
      'grace ≤ preStop sleep, grace given',
      { preStop: { sleepSeconds: 20 }, terminationGracePeriodSeconds: 20 },
      'error grace-too-short spec.backend.pools.api.preStop.sleepSeconds',
    ],
    ['two preStop handlers', { preStop: { sleepSeconds: 5, exec: ['/bin/drain'] } }, 'error one-handler spec.backend.pools.api.preStop'],
    ['both surge bounds zero', { rollout: { maxSurge: '0%', maxUnavailable: 0 } }, 'error rollout-stuck spec.backend.pools.api.rollout'],
    [
      'an HPA with no metric',
      { autoscaling: { maxReplicas: 3, cpuUtilization: 'none', memoryUtilization: 'none' } },
      'error no-metric spec.backend.pools.api.autoscaling',
    ],
    ['replicas beside autoscaling', { replicas: 3, autoscaling: { maxReplicas: 3 } }, 'error replicas-with-autoscaling spec.backend.pools.api.replicas'],
    [
      'the window twice',
      { autoscaling: { maxReplicas: 3, scaleDownStabilizationWindowSeconds: 60, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } },
      'error duplicate-field spec.backend.pools.api.autoscaling.scaleDownStabilizationWindowSeconds',
    ],
    ['spread with one replica', { scheduling: { zoneSpread: 'DoNotSchedule' } }, 'warning spread-one-replica spec.backend.pools.api.scheduling'],
    ['a Service without a port', { port: 'none' }, 'error no-port spec.backend.pools.api.service'],
    ['HTTP probes without a port', { port: 'none', service: undefined, probes: { path: '/health' } }, 'error no-port spec.backend.pools.api.probes'],
    ['two probe handlers', { probes: { path: '/health', tcp: true } }, 'error one-handler spec.backend.pools.api.probes'],
    ['a reserved pod label', { podLabels: { app: 'other' } }, 'error reserved-label spec.backend.pools.api.podLabels.app'],
    ['an env reference to nothing', { env: { X: { from: 'secrets.nope', key: 'X' } } }, 'error unknown-reference spec.backend.pools.api.env.X.from'],
    ['an env value with two sources', { env: { X: { field: 'metadata.name', resource: 'limits.memory' } } }, 'error one-source spec.backend.pools.api.env.X'],
    ['an env key missing', { env: { X: { from: 'configMap:x' } } }, 'error required spec.backend.pools.api.env.X.key'],
    ['a divisor without a resource', { env: { X: { field: 'metadata.name', divisor: '1Mi' } } }, 'error invalid-value spec.backend.pools.api.env.X.divisor'],
    ['a misspelt env source', { env: { X: { form: 'configMap:x', key: 'k' } } }, 'error unknown-field spec.backend.pools.api.env.X.form'],
    ['a quoted port', { port: '8080' }, 'error invalid-value spec.backend.pools.api.port'],
    [
      'a volume with two sources',
      { volumes: { data: { mountPath: '/data', from: 'configMap:x', emptyDir: {} } } },
      'error one-source spec.backend.pools.api.volumes.data',
    ],
    [
      'a volume over the writable /tmp',
      { volumes: { scratch: { mountPath: '/tmp', emptyDir: {} } } },
      'error duplicate-mount spec.backend.pools.api.volumes.scratch.mountPath',
    ],
    [
      'a patch on an object not rendered',
      { patches: [{ target: 'HorizontalPodAutoscaler', merge: {} }] },
      'error unknown-target spec.backend.pools.api.patches[0].target',
    ],
    [
      'a patch with two bodies',
      { patches: [{ merge: {}, json: [{ op: 'remove', path: '/spec/replicas' }] }] },
      'error one-body spec.backend.pools.api.patches[0]',
    ],
  ])('%s', (_, pool, expected) => {
    expect(codes(withPool({ service: {}, ...pool }))).toContain(expected);
  });

  it('refuses annotations on a shared or external account, and an unknown shared one', () => {
    const config = withPool({ serviceAccount: { shared: 'backend', gcpServiceAccount: 'tomoda-api@p-123.iam.gserviceaccount.com' } }, (c) => {
      c.spec.serviceAccounts = { backend: {} };
      c.spec.backend.pools.worker = { mode: 'async', serviceAccount: { external: 'ops', annotations: { a: 'b' } } };
      c.spec.backend.pools.other = { mode: 'other', serviceAccount: { shared: 'backnd' } };
    });
    expect(codes(config)).toEqual(
      expect.arrayContaining([
        'error shared-account-annotation spec.backend.pools.api.serviceAccount.gcpServiceAccount',
        'error shared-account-annotation spec.backend.pools.worker.serviceAccount.annotations',
        'error unknown-reference spec.backend.pools.other.serviceAccount.shared',
      ]),
    );
    expect(loadConfig(config).results.find((r) => r.tags?.code === 'unknown-reference')?.message).toContain('did you mean "backend"?');
  });

  it('name both choices where a number or "none" is wanted, and suggest the field of an env reference', () => {
    const messages = (pool: Config): string[] => loadConfig(withPool(pool)).results.map((r) => r.message);
    expect(messages({ port: '8080' })).toEqual(['must be a port number from 1 to 65535 or "none"']);
    expect(messages({ env: { X: { form: 'configMap:x', key: 'k' } } })[0]).toContain('did you mean "from"?');
  });

  it('refuses two accounts of one name', () => {
    const config = withPool({ serviceAccount: { name: 'backend' } }, (c) => (c.spec.serviceAccounts = { backend: {} }));
    expect(codes(config)).toContain('error duplicate-name spec.backend.pools.api.serviceAccount');
  });

  it('accept what they guard against when it is right', () => {
    const config = withPool({
      preStop: { sleepSeconds: 20 },
      terminationGracePeriodSeconds: 60,
      rollout: { maxSurge: 1, maxUnavailable: 0 },
      autoscaling: { maxReplicas: 3, memoryUtilization: 'none' },
      scheduling: { zoneSpread: 'DoNotSchedule' },
    });
    expect(codes(config)).toEqual([]);
  });
});

describe('rendered workload fields', () => {
  it('a worker with port: none has no ports, no HTTP probes and no ingress rule', () => {
    const objects = render(withPool({ port: 'none', probes: { exec: ['/app/healthcheck'], readiness: 'none' } }));
    const c = container(objects);
    expect(c.ports).toBeUndefined();
    expect(c.livenessProbe).toEqual({ exec: { command: ['/app/healthcheck'] }, initialDelaySeconds: 15, periodSeconds: 30 });
    expect(c.readinessProbe).toBeUndefined();
    expect(objects.find((o) => o.kind === 'NetworkPolicy')?.spec).toEqual({ podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'] });
  });

  it('renders tcp and grpc probes on the container port, and none at all', () => {
    expect(container(render(withPool({ service: {}, probes: { tcp: true } }))).readinessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(container(render(withPool({ service: {}, probes: { grpc: { service: 'health' } } }))).livenessProbe.grpc).toEqual({ port: 8080, service: 'health' });
    const bare = container(render(withPool({ service: {}, probes: 'none' })));
    expect([bare.livenessProbe, bare.readinessProbe, bare.startupProbe]).toEqual([undefined, undefined, undefined]);
  });

  it('an HPA with chosen metrics and behavior', () => {
    const hpa: any = render(
      withPool({
        autoscaling: {
          maxReplicas: 4,
          memoryUtilization: 'none',
          scaleDownStabilizationWindowSeconds: 120,
          behavior: { scaleUp: { policies: [{ type: 'Pods', value: 2, periodSeconds: 30 }] } },
        },
      }),
    ).find((o) => o.kind === 'HorizontalPodAutoscaler');
    expect(hpa.spec.metrics.map((m: any) => m.resource.name)).toEqual(['cpu']);
    expect(hpa.spec.behavior).toEqual({
      scaleUp: { policies: [{ type: 'Pods', value: 2, periodSeconds: 30 }] },
      scaleDown: { stabilizationWindowSeconds: 120 },
    });
  });

  it('a Workload Identity account, named on the pod, with no token', () => {
    const objects = render(withPool({ serviceAccount: { gcpServiceAccount: 'tomoda-api@p-123.iam.gserviceaccount.com' } }));
    const account: any = objects.find((o) => o.kind === 'ServiceAccount');
    expect(account.metadata.name).toBe('api');
    expect(account.metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'tomoda-api@p-123.iam.gserviceaccount.com' });
    expect(account.automountServiceAccountToken).toBe(false);
    expect(deployment(objects).spec.template.spec.serviceAccountName).toBe('api');
    expect(deployment(objects).spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  it('spreads by default only where two pods or more may run', () => {
    expect(deployment(render(withPool({ replicas: 1 }))).spec.template.spec.topologySpreadConstraints).toBeUndefined();
    const spread = deployment(render(withPool({ autoscaling: { maxReplicas: 2 } }))).spec.template.spec.topologySpreadConstraints;
    expect(spread.map((s: any) => [s.topologyKey, s.whenUnsatisfiable, s.labelSelector.matchLabels.app])).toEqual([
      ['topology.kubernetes.io/zone', 'ScheduleAnyway', 'api'],
      ['kubernetes.io/hostname', 'ScheduleAnyway', 'api'],
    ]);
  });

  it('drains with a native sleep and the reloader annotation where asked', () => {
    const objects = render(withPool({ preStop: { sleepSeconds: 15 }, terminationGracePeriodSeconds: 45, reloadOnChange: true }));
    expect(container(objects).lifecycle).toEqual({ preStop: { sleep: { seconds: 15 } } });
    expect(deployment(objects).metadata.annotations).toEqual({ 'reloader.stakater.com/auto': 'true' });
  });
});

describe('post-render checks of workload fields', () => {
  const base = (): KubeObject[] => render(withPool({ replicas: 2, preStop: { sleepSeconds: 10 }, serviceAccount: {} }));
  const found = (objects: KubeObject[]): string[] => verifyRendered(objects).map((r) => `${r.tags?.code} ${r.field?.path}`);

  it('find a preStop sleep longer than the grace period', () => {
    const objects = base();
    deployment(objects).spec.template.spec.terminationGracePeriodSeconds = 10;
    expect(found(objects)).toEqual(['grace-period spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds']);
  });

  it('find a rolling update that cannot progress', () => {
    const objects = base();
    deployment(objects).spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } };
    expect(found(objects)).toEqual(['rollout-stuck spec.strategy.rollingUpdate']);
  });

  it('find a spread that counts other pods, and a ServiceAccount that is not there', () => {
    const objects = base();
    deployment(objects).spec.template.spec.topologySpreadConstraints[0].labelSelector.matchLabels.app = 'other';
    expect(found(objects)).toEqual(['spread-selector spec.template.spec.topologySpreadConstraints[0].labelSelector']);
    expect(found(base().filter((o) => o.kind !== 'ServiceAccount'))).toEqual(['unresolved-reference spec.template.spec.serviceAccountName']);
  });
});

describe('patches', () => {
  it('merge (RFC 7386): maps merge, lists replace, null removes', () => {
    expect(mergePatch({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3], e: 2 }, d: null })).toEqual({ a: { b: 1, c: [3], e: 2 } });
  });

  it('json (RFC 6902): add, replace, remove, test, and a clear failure', () => {
    const doc = { spec: { list: [1, 2], map: { k: 'v' } } };
    const ok = jsonPatch(
      doc,
      [
        { op: 'add', path: '/spec/list/-', value: 3 },
        { op: 'replace', path: '/spec/map/k', value: 'w' },
        { op: 'remove', path: '/spec/list/0' },
        { op: 'test', path: '/spec/list', value: [2, 3] },
      ],
      ['p'],
    );
    expect(ok).toEqual({ value: { spec: { list: [2, 3], map: { k: 'w' } } } });
    expect(doc.spec.list).toEqual([1, 2]); // the input is not changed
    const failed = jsonPatch(doc, [{ op: 'replace', path: '/spec/missing', value: 1 }], ['p']);
    expect('problem' in failed && failed.problem.field?.path).toBe('p.json[0]');
  });

  const run = (config: Config) => {
    const list = stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [], functionConfig: config });
    const { ok, output } = processResourceList(parseResourceList(list));
    return { ok, results: output.results.map((r) => `${r.severity} ${r.tags?.code} ${r.field?.path}`), items: output.items };
  };

  it('apply inside the function, and the checks judge the result', () => {
    expect(run(withPool({ patches: [{ merge: { spec: { template: { spec: { priorityClassName: 'high' } } } } }] }))).toMatchObject({ ok: true, results: [] });
    expect(
      run(withPool({ patches: [{ json: [{ op: 'replace', path: '/spec/template/spec/containers/0/securityContext/runAsNonRoot', value: false }] }] })),
    ).toMatchObject({
      ok: true,
      results: ['warning pod-security/run-as-non-root spec.backend.pools.api.patches[0]'],
    });
    const broken = run(withPool({ patches: [{ json: [{ op: 'replace', path: '/spec/template/metadata/labels/app', value: 'x' }] }] }));
    expect(broken.ok).toBe(false);
    expect(broken.results).toContain('error selector spec.backend.pools.api.patches[0]');
    expect(broken.items).toEqual([]);
    expect(run(withPool({ patches: [{ merge: { metadata: { name: 'renamed' } } }] })).results).toEqual([
      'error patch-identity spec.backend.pools.api.patches[0]',
    ]);
  });
});

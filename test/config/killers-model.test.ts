// What the model resolves where a smaller test would not notice a change: the path each reference keeps, the
// accounts each pod kind makes, optional fields left out (not set to undefined) when not given, the migration's
// ordering, the derived egress peers, and the sentences that name a field. Each block is one cause, one table.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Job, Model, Pod } from '../../src/config/model.js';
import { renderAll, type KubeObject } from '../../src/render/index.js';
import { verifyContextOf } from '../../src/verify/context.js';
import { verifyRendered } from '../../src/verify/index.js';
import { fullConfig, loadModel, minimalConfig } from '../support/apps.js';

type Config = Record<string, any>;

const withSpec = (change: (spec: any) => void, config: Config = minimalConfig()): Config => {
  change(config.spec);
  return config;
};

/** Every result of loading the config: severity, code, field path and sentence. */
const found = (config: Config): string[] => loadConfig(config).results.map((r) => `${r.severity} ${r.tags?.code} ${r.field?.path ?? ''}: ${r.message}`);

const podsOf = (model: Model): Array<Pod & { path: readonly (string | number)[] }> => [
  ...model.workloads,
  ...(model.migration ? [model.migration] : []),
  ...model.cronJobs,
];
const podNamed = (model: Model, name: string) => podsOf(model).find((pod) => pod.name === name)!;

/** The listed keys the object holds as its own, with their values: a key set to undefined shows, a missing one does not. */
const ownKeys = (value: object, keys: string[]): Record<string, unknown> =>
  Object.fromEntries(keys.filter((key) => Object.hasOwn(value, key)).map((key) => [key, (value as Record<string, unknown>)[key]]));

/** The objects a valid config renders, after the post-render checks found nothing. */
function rendered(model: Model): KubeObject[] {
  const objects = renderAll(model, { hashSuffix: false });
  expect(verifyRendered(objects, verifyContextOf(model))).toEqual([]);
  return objects;
}
const object = (objects: KubeObject[], kind: string, name: string): any => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('env and volume references keep the path of the entry that set them', () => {
  const model = loadModel(
    withSpec((spec) => {
      spec.backend.env = { SHARED: { from: 'secret:shared-env', key: 'shared' } };
      spec.backend.pools.api.env = { OWN: { from: 'configMap:pool-env', key: 'own', optional: true } };
      spec.backend.pools.api.volumes = { certs: { mountPath: '/certs', from: 'secret:certs' } };
      spec.frontend = { image: { name: 'frontend', tag: '1.0.0' }, env: { FE: { from: 'secret:fe-env', key: 'fe' } } };
      spec.backend.migration = { env: { MIG: { from: 'secret:mig-env', key: 'mig' } }, volumes: { seed: { mountPath: '/seed', from: 'configMap:seed' } } };
      spec.backend.cronJobs = { purge: { schedule: '@daily', env: { CRON: { from: 'secret:cron-env', key: 'cron' } } } };
    }),
  );
  const secret = (name: string, path: string[]) => ({ kind: 'secret', name, rendered: false, path });
  const pool = ['spec', 'backend', 'pools', 'api'];
  const migration = ['spec', 'backend', 'migration'];
  const cron = ['spec', 'backend', 'cronJobs', 'purge'];
  const shared = { name: 'SHARED', from: secret('shared-env', ['spec', 'backend', 'env', 'SHARED', 'from']), key: 'shared', optional: false };

  it.each([
    [
      'a pool entry',
      'api',
      { name: 'OWN', from: { kind: 'configMap', name: 'pool-env', rendered: false, path: [...pool, 'env', 'OWN', 'from'] }, key: 'own', optional: true },
    ],
    ['a shared entry read by a pool', 'api', shared],
    ['a frontend entry', 'frontend', { name: 'FE', from: secret('fe-env', ['spec', 'frontend', 'env', 'FE', 'from']), key: 'fe', optional: false }],
    ['a migration entry', 'demo-migrate', { name: 'MIG', from: secret('mig-env', [...migration, 'env', 'MIG', 'from']), key: 'mig', optional: false }],
    ['a shared entry read by the migration', 'demo-migrate', shared],
    ['a CronJob entry', 'purge', { name: 'CRON', from: secret('cron-env', [...cron, 'env', 'CRON', 'from']), key: 'cron', optional: false }],
    ['a shared entry read by a CronJob', 'purge', shared],
  ])('%s', (_, pod, expected) => {
    expect(podNamed(model, pod).env.find((v) => v.name === expected.name)).toStrictEqual(expected);
  });

  it.each([
    [
      'a pool volume',
      'api',
      { name: 'certs', mountPath: '/certs', readOnly: true, source: { kind: 'secret', ref: secret('certs', [...pool, 'volumes', 'certs', 'from']) } },
    ],
    [
      'a migration volume',
      'demo-migrate',
      {
        name: 'seed',
        mountPath: '/seed',
        readOnly: true,
        source: { kind: 'configMap', ref: { kind: 'configMap', name: 'seed', rendered: false, path: [...migration, 'volumes', 'seed', 'from'] } },
      },
    ],
  ])('%s', (_, pod, expected) => {
    expect(podNamed(model, pod).pod.volumes).toStrictEqual([expected]);
  });

  it.each([
    ['api', ['pool-env', 'shared-env', 'certs']],
    ['frontend', ['fe-env']],
    ['demo-migrate', ['mig-env', 'shared-env', 'seed']],
    ['purge', ['cron-env', 'shared-env']],
  ])('%s reads its env and volume sources', (pod, names) => {
    expect(podNamed(model, pod).podSources.map((source) => source.name)).toEqual(names);
  });

  it('the output check counts those sources as made elsewhere', () => {
    const container = object(rendered(model), 'Deployment', 'api').spec.template.spec.containers[0];
    expect(container.env).toContainEqual({ name: 'OWN', valueFrom: { configMapKeyRef: { name: 'pool-env', key: 'own', optional: true } } });
  });
});

describe('ServiceAccounts: one per pod kind that asks for its own, each at its path', () => {
  const config = withSpec((spec) => {
    spec.serviceAccounts = { reader: { gcpServiceAccount: 'reader@demo.iam.gserviceaccount.com' } };
    spec.backend.serviceAccount = {};
    spec.backend.pools.api.serviceAccount = { shared: 'reader' };
    spec.backend.pools.worker = { mode: 'async', serviceAccount: { external: 'made-elsewhere' } };
    spec.frontend = { image: { name: 'frontend', tag: '1.0.0' }, serviceAccount: { annotations: { team: 'web' } } };
    spec.backend.cronJobs = { purge: { schedule: '@daily' }, report: { schedule: '@weekly', serviceAccount: { name: 'reporter' } } };
  });
  const model = loadModel(config);

  it('lists the shared account, then the frontend and each CronJob', () => {
    expect(model.serviceAccounts).toStrictEqual([
      { name: 'reader', annotations: { 'iam.gke.io/gcp-service-account': 'reader@demo.iam.gserviceaccount.com' }, path: ['spec', 'serviceAccounts', 'reader'] },
      { name: 'frontend', annotations: { team: 'web' }, owner: 'frontend', path: ['spec', 'frontend', 'serviceAccount'] },
      { name: 'purge', annotations: {}, owner: 'purge', path: ['spec', 'backend', 'cronJobs', 'purge', 'serviceAccount'] },
      { name: 'reporter', annotations: {}, owner: 'report', path: ['spec', 'backend', 'cronJobs', 'report', 'serviceAccount'] },
    ]);
    const accounts = rendered(model).filter((o) => o.kind === 'ServiceAccount');
    expect(accounts.map((o) => o.metadata.name)).toEqual(['reader', 'frontend', 'purge', 'reporter']);
  });

  it.each([
    ['api', 'reader', false],
    ['worker', 'made-elsewhere', true],
    ['frontend', 'frontend', false],
    ['purge', 'purge', false],
  ])('%s runs as %s (made elsewhere: %s)', (pod, account, external) => {
    expect(ownKeys(podNamed(model, pod).pod, ['serviceAccountName', 'serviceAccountExternal'])).toStrictEqual({
      serviceAccountName: account,
      serviceAccountExternal: external,
    });
  });

  it.each([
    [
      'a workload account named like a shared one',
      (spec: any) => {
        spec.serviceAccounts = { api: {} };
        spec.backend.pools.api.serviceAccount = {};
      },
      'error duplicate-name spec.backend.pools.api.serviceAccount: ServiceAccount "api" is already made by spec.serviceAccounts.api; use serviceAccount.shared to share one',
    ],
    [
      'a frontend account named like a shared one',
      (spec: any) => {
        spec.serviceAccounts = { web: {} };
        spec.frontend = { image: { name: 'frontend', tag: '1.0.0' }, serviceAccount: { name: 'web' } };
      },
      'error duplicate-name spec.frontend.serviceAccount: ServiceAccount "web" is already made by spec.serviceAccounts.web; use serviceAccount.shared to share one',
    ],
    [
      'a CronJob account named like a shared one',
      (spec: any) => {
        spec.serviceAccounts = { purge: {} };
        spec.backend.cronJobs = { purge: { schedule: '@daily', serviceAccount: {} } };
      },
      'error duplicate-name spec.backend.cronJobs.purge.serviceAccount: ServiceAccount "purge" is already made by spec.serviceAccounts.purge; use serviceAccount.shared to share one',
    ],
  ])('refuses %s, naming where it is made', (_, change, result) => {
    expect(found(withSpec(change))).toEqual([result]);
  });
});

describe('optional fields: left out when not given, as given otherwise', () => {
  const bare = loadModel(
    withSpec((spec) => {
      spec.config = { redis: { host: 'redis.data.svc.cluster.local' } };
      spec.backend.pools.api.probes = { grpc: {} };
      spec.backend.pools.worker = { mode: 'async', port: 'none', keda: { maxReplicas: 5 }, volumes: { scratch: { mountPath: '/scratch', emptyDir: {} } } };
      spec.backend.cronJobs = { purge: { schedule: '@daily' } };
    }),
  );
  const given = loadModel(
    withSpec((spec) => {
      spec.config = { redis: { host: 'redis.data.svc.cluster.local' } };
      Object.assign(spec.backend.pools.api, {
        probes: { grpc: { service: 'health' } },
        security: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000 },
        preStop: { exec: ['/bin/drain'] },
        terminationGracePeriodSeconds: 40,
        env: { MEMORY: { resource: 'limits.memory', divisor: '1Mi' }, CPU: { resource: 'limits.cpu' } },
      });
      spec.backend.pools.worker = {
        mode: 'async',
        port: 9000,
        keda: { maxReplicas: 5, activationListLength: 2, pollingInterval: 15, cooldownPeriod: 120, enableTLS: true },
        volumes: { scratch: { mountPath: '/scratch', subPath: 'run', emptyDir: { sizeLimit: '64Mi', medium: 'Memory' } } },
      };
      spec.backend.cronJobs = { purge: { schedule: '@daily', timeZone: 'Europe/Berlin', startingDeadlineSeconds: 120, activeDeadlineSeconds: 300 } };
    }),
  );
  const workload = (model: Model, name: string) => model.workloads.find((w) => w.name === name)!;
  const purge = (model: Model): Job => model.cronJobs[0]!;
  const defaultSecurity = { runAsNonRoot: true, readOnlyRootFilesystem: true, writableTmp: true, automountServiceAccountToken: false };
  const keda = { minReplicas: 1, maxReplicas: 5, address: 'redis.data.svc.cluster.local:6379', listNames: ['asynq:{default}:pending'], listLength: 10 };
  const cronSchedule = { concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, suspend: false };

  it.each<[string, (model: Model) => unknown, unknown, unknown]>([
    ['the pool mode', (m) => ownKeys(workload(m, 'api'), ['mode']), { mode: 'multi-hub' }, { mode: 'multi-hub' }],
    ['the container port', (m) => ownKeys(workload(m, 'worker'), ['port']), {}, { port: 9000 }],
    ['the gRPC probe service', (m) => workload(m, 'api').probes!.handler, { kind: 'grpc' }, { kind: 'grpc', service: 'health' }],
    ['the pod security ids', (m) => workload(m, 'api').security, defaultSecurity, { ...defaultSecurity, runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000 }],
    [
      'the preStop hook and grace period',
      (m) => ownKeys(workload(m, 'api').pod, ['preStop', 'terminationGracePeriodSeconds']),
      {},
      { preStop: { exec: ['/bin/drain'] }, terminationGracePeriodSeconds: 40 },
    ],
    [
      'the env resource divisor',
      (m) => workload(m, 'api').env.filter((v) => 'resource' in v),
      [],
      [
        { name: 'CPU', resource: 'limits.cpu' },
        { name: 'MEMORY', resource: 'limits.memory', divisor: '1Mi' },
      ],
    ],
    [
      'the volume subPath, size limit and medium',
      (m) => workload(m, 'worker').pod.volumes,
      [{ name: 'scratch', mountPath: '/scratch', readOnly: false, source: { kind: 'emptyDir' } }],
      [{ name: 'scratch', mountPath: '/scratch', subPath: 'run', readOnly: false, source: { kind: 'emptyDir', sizeLimit: '64Mi', medium: 'Memory' } }],
    ],
    [
      'the KEDA tuning',
      (m) => workload(m, 'worker').keda,
      keda,
      { ...keda, activationListLength: 2, pollingInterval: 15, cooldownPeriod: 120, enableTLS: true },
    ],
    ['the CronJob deadline', (m) => ownKeys(purge(m), ['activeDeadlineSeconds']), {}, { activeDeadlineSeconds: 300 }],
    [
      'the CronJob time zone and starting deadline',
      (m) => purge(m).schedule,
      { schedule: '@daily', ...cronSchedule },
      { schedule: '@daily', timeZone: 'Europe/Berlin', ...cronSchedule, startingDeadlineSeconds: 120 },
    ],
  ])('%s', (_, pick, withoutInput, withInput) => {
    expect(pick(bare)).toStrictEqual(withoutInput);
    expect(pick(given)).toStrictEqual(withInput);
  });

  it('renders what was given', () => {
    const objects = rendered(given);
    const worker = object(objects, 'Deployment', 'worker').spec.template.spec;
    expect(worker.containers[0].volumeMounts).toContainEqual({ name: 'scratch', mountPath: '/scratch', subPath: 'run' });
    expect(worker.volumes).toContainEqual({ name: 'scratch', emptyDir: { sizeLimit: '64Mi', medium: 'Memory' } });
    const scaler = object(objects, 'ScaledObject', 'worker-scaler').spec;
    expect([scaler.pollingInterval, scaler.cooldownPeriod, scaler.triggers[0].metadata]).toEqual([
      15,
      120,
      { address: 'redis.data.svc.cluster.local:6379', listName: 'asynq:{default}:pending', listLength: '10', activationListLength: '2', enableTLS: 'true' },
    ]);
    const cron = object(objects, 'CronJob', 'purge').spec;
    expect([cron.timeZone, cron.startingDeadlineSeconds, cron.jobTemplate.spec.activeDeadlineSeconds]).toEqual(['Europe/Berlin', 120, 300]);
    const api = object(objects, 'Deployment', 'api').spec.template.spec;
    expect(api.containers[0].lifecycle).toEqual({ preStop: { exec: { command: ['/bin/drain'] } } });
    expect(api.containers[0].env).toContainEqual({
      name: 'MEMORY',
      valueFrom: { resourceFieldRef: { containerName: 'api', resource: 'limits.memory', divisor: '1Mi' } },
    });
  });
});

describe("Job pods: the backend's security under their own, and their own path", () => {
  it("merges the migration's security over the backend's", () => {
    const model = loadModel(
      withSpec((spec) => {
        spec.backend.security = { runAsUser: 1000, readOnlyRootFilesystem: false };
        spec.backend.migration = { security: { fsGroup: 2000 } };
        spec.backend.cronJobs = { purge: { schedule: '@daily', security: { runAsUser: 1001 } } };
      }),
    );
    const base = { runAsNonRoot: true, readOnlyRootFilesystem: false, writableTmp: true, automountServiceAccountToken: false };
    expect(model.migration!.security).toStrictEqual({ ...base, runAsUser: 1000, fsGroup: 2000 });
    expect(model.cronJobs[0]!.security).toStrictEqual({ ...base, runAsUser: 1001 });
  });

  it.each([
    [
      'an own envFrom entry naming nothing',
      { envFrom: ['secrets.nope'] },
      'error unknown-reference spec.backend.migration.envFrom[0]: "secrets.nope" names no secret or config of this app; use secrets.<id>, config, or secret:<name> / configMap:<name> for an object made elsewhere',
    ],
    [
      'an own env entry naming nothing',
      { env: { X: { from: 'secrets.nope', key: 'x' } } },
      'error unknown-reference spec.backend.migration.env.X.from: "secrets.nope" names no secret or config of this app; use secrets.<id>, config, or secret:<name> / configMap:<name> for an object made elsewhere',
    ],
  ])('reports %s on the migration', (_, migration, result) => {
    expect(found(withSpec((spec) => (spec.backend.migration = migration)))).toEqual([result]);
  });
});

describe("the migration's Argo CD ordering: a hook unless only a sync wave is given", () => {
  const hook = (name: string, deletePolicy: string) => ({ hook: { name, deletePolicy } });
  it.each<[string, Config | undefined, Config, Config]>([
    ['nothing', undefined, hook('PreSync', 'BeforeHookCreation'), { ttlSecondsAfterFinished: 86400 }],
    ['a sync wave', { syncWave: -1 }, { syncWave: -1 }, {}],
    ['a wave and a hook', { syncWave: -1, hook: 'Sync' }, { ...hook('Sync', 'BeforeHookCreation'), syncWave: -1 }, { ttlSecondsAfterFinished: 86400 }],
    [
      'a wave and a delete policy',
      { syncWave: -1, hookDeletePolicy: 'HookSucceeded' },
      { ...hook('PreSync', 'HookSucceeded'), syncWave: -1 },
      { ttlSecondsAfterFinished: 86400 },
    ],
  ])('%s', (_, argocd, ordering, ttl) => {
    const job = loadModel(withSpec((spec) => (spec.backend.migration = argocd ? { argocd } : {}))).migration!;
    expect(job.argocd).toStrictEqual(ordering);
    expect(ownKeys(job, ['ttlSecondsAfterFinished'])).toStrictEqual(ttl);
  });

  it('keeps a TTL given to a sync-wave migration, after a warning', () => {
    const config = withSpec((spec) => (spec.backend.migration = { argocd: { syncWave: -1 }, ttlSecondsAfterFinished: 600 }));
    expect(found(config)).toEqual([
      'warning wave-job-ttl spec.backend.migration.ttlSecondsAfterFinished: deletes a sync-wave Job once it has finished, so Argo CD finds it missing and runs the migration again on the next sync; leave it out or use a hook',
    ]);
    const job = loadModel(config).migration!;
    expect([job.argocd, job.ttlSecondsAfterFinished]).toStrictEqual([{ syncWave: -1 }, 600]);
    expect(object(rendered(loadModel(config)), 'Job', 'demo-migrate').spec.ttlSecondsAfterFinished).toBe(600);
  });
});

describe('Secret and ConfigMap references: the whole entry is the grammar', () => {
  it('marks the ConfigMap of spec.config as rendered here', () => {
    expect(loadModel(fullConfig()).envFrom[2]).toStrictEqual({
      entry: 'config',
      path: ['spec', 'backend', 'envFrom', 2],
      source: { kind: 'configMap', name: 'backend-config-prod', rendered: true, path: ['spec', 'backend', 'envFrom', 2] },
    });
  });

  it.each([
    ['text before the prefix', 'xsecret:other'],
    ['a second line', 'secret:other\nmore'],
    ['configMap after text', 'my-configMap:other'],
  ])('refuses %s', (_, entry) => {
    expect(found(withSpec((spec) => (spec.backend.envFrom = [entry])))).toEqual([
      `error unknown-reference spec.backend.envFrom[0]: "${entry}" names no secret or config of this app; use secrets.<id>, config, or secret:<name> / configMap:<name> for an object made elsewhere`,
    ]);
  });
});

describe('egress: the peers derived from the hosts of spec.config, and the listed ones, at their paths', () => {
  const pool = ['spec', 'backend', 'pools', 'api'];
  const listed = { name: 'ext', path: [...pool, 'egress', 'to', 'ext'], to: { cidr: '203.0.113.0/24', except: [] }, ports: [], protocol: 'TCP' };
  const derived = (to: object) => ({ name: 'config.database', path: ['spec', 'config', 'database', 'host'], to, ports: [5432], protocol: 'TCP' });
  it.each<[string, object | undefined]>([
    ['db.data.svc', { namespace: 'data' }],
    ['db.data.svc.cluster.local', { namespace: 'data' }],
    ['replica.db.data.svc', undefined],
    ['db.data.svcs.example.com', undefined],
    ['10.0.0.5', { cidr: '10.0.0.5/32', except: [] }],
    ['fd00::5', { cidr: 'fd00::5/128', except: [] }],
    ['postgres', { ownNamespace: true }],
    ['db.example.com', undefined],
  ])('database host %s', (host, to) => {
    const model = loadModel(
      withSpec((spec) => {
        spec.config = { database: { host, user: 'app', name: 'app' } };
        spec.backend.pools.api.egress = { to: { ext: { cidr: '203.0.113.0/24' } } };
      }),
    );
    expect(model.workloads[0]!.egress!.rules).toStrictEqual([...(to ? [derived(to)] : []), listed]);
    const policy = object(rendered(model), 'NetworkPolicy', 'api-policy');
    expect(policy.spec.egress.at(-1)).toEqual({ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }] });
  });
});

describe('egress: a listed allowance without a target is refused, not modelled', () => {
  it.each([[{}], [{ podLabels: { role: 'db' } }], [{ ports: [5432] }]])('%j', (to) => {
    const config = withSpec((spec) => (spec.backend.pools.api.egress = { to: { db: to } }));
    expect(found(config)).toEqual([
      'error one-target spec.backend.pools.api.egress.to.db: needs exactly one of namespace (e.g. data), workload (a workload of this app) or cidr (e.g. 0.0.0.0/0)',
    ]);
    expect(loadConfig(config).model).toBeUndefined();
  });
});

describe('monitoring: the scrapers let in on the metrics port', () => {
  it.each([
    [{ podMonitoring: true }, ['gmp-system']],
    [{ podMonitor: true }, ['monitoring']],
    [{ podMonitoring: true, serviceMonitor: true }, ['gmp-system', 'monitoring']],
  ])('%j', (monitoring, namespaces) => {
    const model = loadModel(withSpec((spec) => (spec.backend.pools.api.monitoring = { port: 9090, ...monitoring })));
    expect(model.workloads[0]!.monitoring!.scrapedFrom).toEqual(namespaces);
    const ingress = object(rendered(model), 'NetworkPolicy', 'api-policy').spec.ingress;
    expect(ingress).toEqual([
      {
        from: namespaces.map((name) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } })),
        ports: [{ protocol: 'TCP', port: 9090 }],
      },
    ]);
  });
});

describe('the one-replica spread warning: only for a spread the config asks for', () => {
  it.each<[string, Config | undefined, string[]]>([
    ['no scheduling', undefined, []],
    ['spreads turned off', { zoneSpread: 'none', nodeSpread: 'none' }, []],
    ['a node selector only', { nodeSelector: { pool: 'general' } }, []],
    [
      'a zone spread',
      { zoneSpread: 'DoNotSchedule' },
      [
        'warning spread-one-replica spec.backend.pools.api.scheduling: spreads pods, but the workload runs at most 1 replica, so there is nothing to spread; raise the replicas or drop the spread',
      ],
    ],
  ])('%s', (_, scheduling, results) => {
    expect(found(withSpec((spec) => (spec.backend.pools.api.scheduling = scheduling)))).toEqual(results);
  });
});

describe('"did you mean": a known field the unknown one starts with, however far apart', () => {
  it.each([
    ['replicasCount', 'replicas'],
    ['ReplicasMax', 'replicas'],
    ['serviceAccountName', 'serviceAccount'],
  ])('%s → %s', (field, known) => {
    const results = found(withSpec((spec) => (spec.backend.pools.api[field] = 1)));
    expect(results).toEqual([`error unknown-field spec.backend.pools.api.${field}: unknown field "${field}"; did you mean "${known}"?`]);
  });

  it('names the way out where nothing is known to be near', () => {
    expect(found(withSpec((spec) => (spec.backend.pools.api.serviceAccount = { shared: 'readers' })))).toEqual([
      'error unknown-reference spec.backend.pools.api.serviceAccount.shared: "readers" is not in spec.serviceAccounts; add it there or use external',
    ]);
  });
});

describe('SERVER_MODE: set from the mode only', () => {
  it('is refused in the shared and the pool env, so no model reads it from there', () => {
    const config = withSpec((spec) => {
      spec.backend.env = { SERVER_MODE: 'shared' };
      spec.backend.pools.api.env = { SERVER_MODE: 'own' };
    });
    expect(loadConfig(config).model).toBeUndefined();
    expect(found(config)).toEqual([
      "error reserved-env spec.backend.env.SERVER_MODE: is set from the pool's mode; set mode instead",
      "error reserved-env spec.backend.pools.api.env.SERVER_MODE: is set from the pool's mode; set mode instead",
    ]);
    expect(loadModel(minimalConfig()).workloads[0]!.env).toStrictEqual([{ name: 'SERVER_MODE', value: 'multi-hub' }]);
  });
});

describe('disruption budgets: exactly one bound, and a warning where it blocks drains', () => {
  const budget = (disruptionBudget: Config, replicas = 1) => withSpec((spec) => Object.assign(spec.backend.pools.api, { replicas, disruptionBudget }));
  const oneBound = 'error one-bound spec.backend.pools.api.disruptionBudget: needs exactly one of minAvailable or maxUnavailable';
  it.each<[string, Config, number, string[]]>([
    ['no bound', {}, 1, [oneBound]],
    ['both bounds', { minAvailable: 1, maxUnavailable: 1 }, 1, [oneBound]],
    ['both bounds at zero', { minAvailable: 0, maxUnavailable: 0 }, 2, [oneBound]],
    [
      'maxUnavailable 0',
      { maxUnavailable: 0 },
      2,
      [
        'warning pdb-blocks-drain spec.backend.pools.api.disruptionBudget: maxUnavailable 0 at 2 replicas allows no voluntary eviction, so node drains and upgrades block; set maxUnavailable to 1 or more',
      ],
    ],
    ['maxUnavailable 1', { maxUnavailable: 1 }, 2, []],
  ])('%s', (_, bounds, replicas, results) => {
    expect(found(budget(bounds, replicas))).toEqual(results);
  });
});

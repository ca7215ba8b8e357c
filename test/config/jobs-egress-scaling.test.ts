// The config side of Jobs, CronJobs, egress, monitoring and KEDA: each mistake is an error with a stable code at
// the field to change; defaults land in the model once.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { renderAll } from '../../src/render/index.js';
import { fullConfig } from '../support/apps.js';

const errors = (config: unknown): string[] =>
  loadConfig(config)
    .results.filter((r) => r.severity === 'error')
    .map((r) => `${r.tags?.code} ${r.field?.path}`);

const withBackend = (change: (backend: any, spec: any) => void): Record<string, any> => {
  const config = fullConfig();
  change(config.spec.backend, config.spec);
  return config;
};

describe('migration Job', () => {
  it("defaults to a PreSync hook with a delete policy, a deadline and a TTL, and the pools' env and envFrom", () => {
    const { model } = loadConfig(withBackend((b) => (b.migration = { command: ['/app', 'migrate'] })));
    const job = model!.migration!;
    expect(job).toMatchObject({ name: 'demo-migrate', restartPolicy: 'Never', backoffLimit: 1, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 86400 });
    expect(job.argocd).toEqual({ hook: { name: 'PreSync', deletePolicy: 'BeforeHookCreation' } });
    expect(job.envFrom.map((s) => s.name)).toEqual(model!.workloads[0]!.envFrom.map((s) => s.name));
    expect(job.env).toEqual([{ name: 'GIN_MODE', value: 'release' }]);
  });

  it('as a sync wave: no hook, no TTL by default, and the config objects one wave earlier', () => {
    const { model } = loadConfig(withBackend((b) => (b.migration = { argocd: { syncWave: -2 } })));
    expect(model!.migration!.argocd).toEqual({ syncWave: -2 });
    expect(model!.migration!.ttlSecondsAfterFinished).toBeUndefined();
    expect(model!.configSyncWave).toBe(-3);
  });

  it('refuses restartPolicy Always, a Sync hook without a wave, a wave not below 0', () => {
    expect(errors(withBackend((b) => (b.migration = { restartPolicy: 'Always' })))).toEqual(['job-restart-always spec.backend.migration.restartPolicy']);
    expect(errors(withBackend((b) => (b.migration = { argocd: { hook: 'Sync' } })))).toEqual(['required spec.backend.migration.argocd.syncWave']);
    expect(errors(withBackend((b) => (b.migration = { argocd: { syncWave: 0 } })))).toEqual(['out-of-range spec.backend.migration.argocd.syncWave']);
  });

  it("may list its own envFrom instead of the pools', checked like theirs", () => {
    const { model } = loadConfig(withBackend((b) => (b.migration = { envFrom: ['secrets.backend', 'secret:migrator'] })));
    expect(model!.migration!.envFrom.map((s) => [s.kind, s.name, s.rendered])).toEqual([
      ['secret', 'backend', true],
      ['secret', 'migrator', false],
    ]);
    expect(errors(withBackend((b) => (b.cronJobs = { purge: { schedule: '@daily', envFrom: ['secrets.backnd', 'config', 'config'] } })))).toEqual([
      'unknown-reference spec.backend.cronJobs.purge.envFrom[0]',
      'duplicate-entry spec.backend.cronJobs.purge.envFrom[2]',
    ]);
  });

  it('refuses a Job named like a workload (their pods would share the app label)', () => {
    expect(errors(withBackend((b) => (b.migration = { name: 'api' })))).toEqual(['duplicate-name spec.backend.migration.name']);
    expect(errors(withBackend((b) => (b.cronJobs = { worker: { schedule: '@daily' } })))).toEqual(['duplicate-name spec.backend.cronJobs.worker']);
  });
});

describe('CronJobs', () => {
  it('are keyed by name with defaults for concurrency, history and suspend', () => {
    const { model } = loadConfig(withBackend((b) => (b.cronJobs = { 'purge-expired': { schedule: '0 3 * * *', timeZone: 'Asia/Tokyo' } })));
    expect(model!.cronJobs.map((j) => [j.name, j.schedule])).toEqual([
      [
        'purge-expired',
        {
          schedule: '0 3 * * *',
          timeZone: 'Asia/Tokyo',
          concurrencyPolicy: 'Forbid',
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 1,
          suspend: false,
        },
      ],
    ]);
  });

  it('refuses an invalid schedule, an unknown time zone, restartPolicy Always and a name over 52 characters', () => {
    const config = withBackend((b) => {
      b.cronJobs = {
        a: { schedule: '0 3 * *' },
        b: { schedule: '0 3 * * *', timeZone: 'Mars/Olympus' },
        c: { schedule: '0 3 * * *', restartPolicy: 'Always' },
        ['d'.repeat(53)]: { schedule: '@daily' },
      };
    });
    expect(errors(config)).toEqual([`invalid-key spec.backend.cronJobs.${'d'.repeat(53)}`]);
    delete config.spec.backend.cronJobs['d'.repeat(53)];
    expect(errors(config)).toEqual([
      'invalid-cron spec.backend.cronJobs.a.schedule',
      'invalid-time-zone spec.backend.cronJobs.b.timeZone',
      'job-restart-always spec.backend.cronJobs.c.restartPolicy',
    ]);
  });
});

describe('egress', () => {
  it('keeps DNS and derives the database and Redis of spec.config when locked down', () => {
    const { model } = loadConfig(withBackend((b) => (b.pools.worker.egress = {})));
    const egress = model!.workloads.find((w) => w.name === 'worker')!.egress!;
    expect(egress.dns).toEqual({ namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } });
    expect(egress.rules.map((r) => [r.name, r.to, r.ports])).toEqual([
      ['config.database', { namespace: 'data' }, [5432]],
      ['config.redis', { namespace: 'data' }, [6379]],
    ]);
  });

  it('derives the own namespace for a single-label Service host and a /32 for an IP address', () => {
    const { model } = loadConfig(
      withBackend((b, spec) => ((b.pools.worker.egress = {}), (spec.config.database.host = 'postgres'), (spec.config.redis.host = '10.2.3.4'))),
    );
    expect(model!.workloads.find((w) => w.name === 'worker')!.egress!.rules.map((r) => r.to)).toEqual([
      { ownNamespace: true },
      { cidr: '10.2.3.4/32', except: [] },
    ]);
  });

  it('derives nothing with fromConfig: false or for a host outside the cluster', () => {
    const off = loadConfig(withBackend((b) => (b.pools.worker.egress = { fromConfig: false })));
    expect(off.model!.workloads.find((w) => w.name === 'worker')!.egress!.rules).toEqual([]);
    const outside = loadConfig(withBackend((b, spec) => ((b.pools.worker.egress = {}), (spec.config.database.host = 'db.example.com'))));
    expect(outside.model!.workloads.find((w) => w.name === 'worker')!.egress!.rules.map((r) => r.name)).toEqual(['config.redis']);
  });

  it('lets the workload named in an egress rule in, on its port', () => {
    const { model } = loadConfig(withBackend((b) => (b.pools.worker.egress = { to: { api: { workload: 'api' } } })));
    const api = model!.workloads.find((w) => w.name === 'api')!;
    expect(api.ingressFromWorkloads).toEqual([{ name: 'worker', ports: [8080], protocol: 'TCP' }]);
  });

  it('refuses rules that would block DNS, and malformed allowances', () => {
    expect(errors(withBackend((b) => (b.pools.worker.egress = { dns: false })))).toEqual(['egress-blocks-dns spec.backend.pools.worker.egress.dns']);
    expect(errors(withBackend((b) => (b.pools.worker.egress = { dns: { podLabels: {} } })))).toEqual([
      'egress-blocks-dns spec.backend.pools.worker.egress.dns.podLabels',
    ]);
    // A malformed CIDR is refused by the schema, before the cross-field rules see the other allowances.
    const allowances = {
      both: { namespace: 'data', cidr: '10.0.0.0/8' },
      outside: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16', '10.1.0.0/16'] },
      typo: { workload: 'apj' },
      self: { workload: 'worker' },
    };
    const withEgress = (to: Record<string, unknown>) => withBackend((b) => (b.pools.worker.egress = { to }));
    expect(errors(withEgress({ ...allowances, bad: { cidr: '10.0.0.0/33' } }))).toEqual(['invalid-value spec.backend.pools.worker.egress.to.bad.cidr']);
    expect(errors(withEgress(allowances))).toEqual([
      'one-target spec.backend.pools.worker.egress.to.both',
      'invalid-value spec.backend.pools.worker.egress.to.outside.except[0]',
      'self-reference spec.backend.pools.worker.egress.to.self.workload',
      'unknown-reference spec.backend.pools.worker.egress.to.typo.workload',
    ]);
  });
});

describe('monitoring', () => {
  it('names a separate metrics port and lets the scrapers in', () => {
    const { model } = loadConfig(withBackend((b) => (b.pools.worker.monitoring = { port: 9090, podMonitoring: true, podMonitor: true })));
    const worker = model!.workloads.find((w) => w.name === 'worker')!;
    expect(worker.metricsPort).toBe(9090);
    expect(worker.monitoring).toMatchObject({ portName: 'metrics', path: '/metrics', interval: '30s', scrapedFrom: ['gmp-system', 'monitoring'] });
  });

  it('refuses monitoring without a scraper, and a ServiceMonitor without a Service', () => {
    expect(errors(withBackend((b) => (b.pools.worker.monitoring = {})))).toEqual(['required spec.backend.pools.worker.monitoring']);
    expect(errors(withBackend((b) => (b.pools.worker.monitoring = { serviceMonitor: true })))).toEqual([
      'no-service spec.backend.pools.worker.monitoring.serviceMonitor',
    ]);
  });
});

describe('KEDA', () => {
  it('reads the Asynq pending lists at the Redis of spec.config, and leaves replicas to KEDA', () => {
    const { model } = loadConfig(
      withBackend((b) => (b.pools.worker = { mode: 'async', keda: { maxReplicas: 8, passwordFrom: { secret: 'secrets.backend', key: 'DB_PASSWORD' } } })),
    );
    const worker = model!.workloads.find((w) => w.name === 'worker')!;
    expect(worker.replicas).toBeUndefined();
    expect(worker.keda).toMatchObject({
      address: 'redis.data.svc.cluster.local:6379',
      listNames: ['asynq:{default}:pending'],
      minReplicas: 1,
      password: { secret: 'backend', key: 'DB_PASSWORD' },
    });
  });

  it('refuses a pool with both an HPA and a ScaledObject, a missing Redis and an unknown password source', () => {
    expect(errors(withBackend((b) => (b.pools.api.keda = { maxReplicas: 8 })))).toEqual(['hpa-and-scaledobject spec.backend.pools.api.keda']);
    expect(errors(withBackend((b, spec) => ((b.pools.worker.keda = { maxReplicas: 8 }), delete spec.config.redis)))).toEqual([
      'required spec.backend.pools.worker.keda',
    ]);
    expect(errors(withBackend((b) => (b.pools.worker.keda = { maxReplicas: 8, passwordFrom: { secret: 'secrets.backnd' } })))).toEqual([
      'unknown-reference spec.backend.pools.worker.keda.passwordFrom.secret',
    ]);
    expect(errors(withBackend((b) => (b.pools.worker.keda = { maxReplicas: 8, passwordFrom: { secret: 'secrets.backend' } })))).toEqual([
      'unknown-reference spec.backend.pools.worker.keda.passwordFrom.key',
    ]);
  });
});

describe("the migration's ServiceAccount", () => {
  it("is the pools' account model, rendered one sync wave before a sync-wave migration like the ConfigMap", () => {
    const config = withBackend((b) => {
      b.serviceAccount = { gcpServiceAccount: 'backend@project-1.iam.gserviceaccount.com' };
      b.migration = { argocd: { syncWave: -2 } };
    });
    const { model } = loadConfig(config);
    expect(model!.migration!.pod.serviceAccountName).toBe('demo-migrate');
    const accounts = renderAll(model!, { hashSuffix: false }).filter((o) => o.kind === 'ServiceAccount');
    expect(accounts.map((o) => o.metadata.name)).toContain('demo-migrate');
    for (const account of accounts) expect(account.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('-3');
  });
});

// Cross-field rules of src/config/rules.ts: each triggered once, with the exact code, field path and sentence it
// gives, and each condition also met from the other side, where the rule must stay silent.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { fullConfig, minimalConfig } from '../support/apps.js';

type Config = Record<string, any>;
type Found = [string | undefined, string | undefined, string];
const from = (base: () => Config, change: (c: Config) => void): Config => {
  const c = base();
  change(c);
  return c;
};
const minimal = (change: (c: Config) => void): Config => from(minimalConfig, change);
const full = (change: (c: Config) => void): Config => from(fullConfig, change);
/** [code, field path, message without the path it starts with] of every result. */
const found = (input: unknown): Found[] => loadConfig(input).results.map((r) => [r.tags?.code, r.field?.path, r.message.replace(`${r.field?.path}: `, '')]);

const API = 'spec.backend.pools.api';
const WORKER = 'spec.backend.pools.worker';
const MIGRATION_ARGOCD = 'spec.backend.migration.argocd';
const withMigration = (argocd: Config, ttl?: number): Config =>
  minimal((c) => (c.spec.backend.migration = { command: ['/app', 'migrate'], argocd, ...(ttl === undefined ? {} : { ttlSecondsAfterFinished: ttl }) }));
const REGISTRY = 'registry.example.com/team'; // 25 characters, then "/"
const INGRESS = `${'i'.repeat(60)}.${'i'.repeat(60)}.${'i'.repeat(60)}.${'i'.repeat(60)}.iiiiii`; // 250 characters
const withEgress = (to: Config): Config =>
  full((c) => {
    c.spec.backend.pools.worker.egress = { to };
  });

describe('each rule of src/config/rules.ts (up to checkPort) with its code, path and sentence', () => {
  it.each<[string, Config, Found[]]>([
    // image names
    ['a backend repository of 255 characters', minimal((c) => (c.spec.backend.image.name = 'a'.repeat(255 - REGISTRY.length - 1))), []],
    [
      'a backend repository of 256 characters',
      minimal((c) => (c.spec.backend.image.name = 'a'.repeat(256 - REGISTRY.length - 1))),
      [['out-of-range', 'spec.backend.image.name', `the repository "${`${REGISTRY}/aaaaaaaaaaaaaa`}…" is 256 characters long; an image name is at most 255`]],
    ],
    [
      'a frontend repository of 256 characters',
      full((c) => (c.spec.frontend.image = { registry: REGISTRY, name: 'b'.repeat(256 - REGISTRY.length - 1), tag: '1' })),
      [['out-of-range', 'spec.frontend.image.name', `the repository "${`${REGISTRY}/bbbbbbbbbbbbbb`}…" is 256 characters long; an image name is at most 255`]],
    ],
    // the default TLS Secret name
    [
      'a default TLS Secret name over 253 characters',
      full((c) => (c.spec.ingress.name = INGRESS)),
      [
        [
          'invalid-name',
          'spec.ingress.tlsSecretName',
          `the default TLS Secret name "${INGRESS}-tls" is longer than 253 characters (254), so not a DNS-1123 subdomain; set tlsSecretName`,
        ],
      ],
    ],
    // envFrom names
    [
      'an envFrom entry one letter from config',
      full((c) => (c.spec.backend.envFrom = ['confg'])),
      [['unknown-reference', 'spec.backend.envFrom[0]', '"confg" names no secret or config of this app; did you mean "config"?']],
    ],
    // pod names
    [
      'a scheduled task named like a pool',
      minimal((c) => (c.spec.backend.cronJobs = { api: { schedule: '0 3 * * *' } })),
      [
        [
          'duplicate-name',
          'spec.backend.cronJobs.api',
          `"api" is already the name of ${API}; the pods share the label app: api, so Services and policies would select both; rename one`,
        ],
      ],
    ],
    // the migration's order under Argo CD
    [
      'hook: Sync without a syncWave',
      withMigration({ hook: 'Sync' }),
      [
        [
          'required',
          `${MIGRATION_ARGOCD}.syncWave`,
          'is needed with hook: Sync, or the migration runs beside the pools instead of before them; set syncWave: -1',
        ],
      ],
    ],
    ['hook: Sync with a syncWave', withMigration({ hook: 'Sync', syncWave: -1 }), []],
    ['hook: PreSync without a syncWave, and a TTL', withMigration({ hook: 'PreSync' }, 60), []],
    [
      'a sync-wave Job with a TTL',
      withMigration({ syncWave: -1 }, 60),
      [
        [
          'wave-job-ttl',
          'spec.backend.migration.ttlSecondsAfterFinished',
          'deletes a sync-wave Job once it has finished, so Argo CD finds it missing and runs the migration again on the next sync; leave it out or use a hook',
        ],
      ],
    ],
    ['Argo CD settings that set none of hook, syncWave or hookDeletePolicy, and a TTL', withMigration({}, 60), []],
    ['a sync-wave Job without a TTL', withMigration({ syncWave: -1 }), []],
    ['a sync-wave hook with a TTL', withMigration({ syncWave: -1, hook: 'PreSync' }, 60), []],
    ['a sync-wave Job with a hookDeletePolicy and a TTL', withMigration({ syncWave: -1, hookDeletePolicy: 'BeforeHookCreation' }, 60), []],
    ['a hookDeletePolicy and a TTL without a syncWave', withMigration({ hookDeletePolicy: 'BeforeHookCreation' }, 60), []],
    // egress
    [
      'the frontend egress rule read from the frontend',
      full((c) => (c.spec.frontend.egress = { to: { two: { namespace: 'data', cidr: '10.0.0.0/8' } } })),
      [['one-target', 'spec.frontend.egress.to.two', 'needs exactly one of namespace (e.g. data), workload (a workload of this app) or cidr (e.g. 0.0.0.0/0)']],
    ],
    [
      'empty DNS pod labels',
      full((c) => (c.spec.backend.pools.worker.egress = { dns: { namespace: 'kube-system', podLabels: {} } })),
      [['egress-blocks-dns', `${WORKER}.egress.dns.podLabels`, 'is empty; name the labels of the DNS pods (k8s-app: kube-dns by default)']],
    ],
    [
      'podLabels without a namespace',
      withEgress({ db: { cidr: '10.0.0.0/8', podLabels: { app: 'db' } } }),
      [['invalid-combination', `${WORKER}.egress.to.db.podLabels`, 'narrows a namespace; add namespace or remove podLabels']],
    ],
    ['podLabels with a namespace', withEgress({ db: { namespace: 'data', podLabels: { app: 'db' } } }), []],
    [
      'except without a cidr',
      withEgress({ db: { namespace: 'data', except: ['10.0.0.0/16'] } }),
      [['invalid-combination', `${WORKER}.egress.to.db.except`, 'narrows a cidr; add cidr or remove except']],
    ],
    ['except inside a cidr', withEgress({ net: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }), []],
    [
      'except outside its cidr',
      withEgress({ net: { cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] } }),
      [['invalid-value', `${WORKER}.egress.to.net.except[0]`, '11.0.0.0/16 is not strictly inside 10.0.0.0/8; Kubernetes rejects the policy']],
    ],
    [
      'a workload naming itself',
      withEgress({ self: { workload: 'worker' } }),
      [['self-reference', `${WORKER}.egress.to.self.workload`, 'names this workload itself; traffic inside a pod needs no policy']],
    ],
    [
      'a workload one letter off',
      withEgress({ x: { workload: 'apii' } }),
      [['unknown-reference', `${WORKER}.egress.to.x.workload`, '"apii" is not a workload of this app; did you mean "api"?']],
    ],
    [
      'a workload like none',
      withEgress({ x: { workload: 'zzzzzzzz' } }),
      [['unknown-reference', `${WORKER}.egress.to.x.workload`, '"zzzzzzzz" is not a workload of this app']],
    ],
    // monitoring
    [
      'monitoring with no scraper',
      full((c) => (c.spec.backend.pools.api.monitoring = { port: 9090 })),
      [
        [
          'required',
          `${API}.monitoring`,
          'chooses no scraper; set podMonitoring: true (GKE Managed Prometheus), podMonitor: true or serviceMonitor: true (prometheus-operator)',
        ],
      ],
    ],
    [
      'a ServiceMonitor on a pool without a Service',
      full((c) => (c.spec.backend.pools.worker = { mode: 'async', port: 8081, monitoring: { port: 9090, serviceMonitor: true } })),
      [
        [
          'no-service',
          `${WORKER}.monitoring.serviceMonitor`,
          `scrapes through the workload's Service, and ${WORKER} has none; add service: {port: 8081} or use podMonitor`,
        ],
      ],
    ],
    // KEDA
    [
      'KEDA minReplicas above maxReplicas',
      full((c) => (c.spec.backend.pools.worker = { mode: 'async', keda: { minReplicas: 3, maxReplicas: 2 } })),
      [['hpa-bounds', `${WORKER}.keda.minReplicas`, '3 is above maxReplicas 2; lower it or raise maxReplicas']],
    ],
    ['KEDA minReplicas equal to maxReplicas', full((c) => (c.spec.backend.pools.worker = { mode: 'async', keda: { minReplicas: 2, maxReplicas: 2 } })), []],
    [
      'KEDA without Redis',
      full((c) => {
        delete c.spec.config.redis;
        c.spec.backend.pools.worker = { mode: 'async', keda: { maxReplicas: 2 } };
      }),
      [['required', `${WORKER}.keda`, 'reads the queue length from Redis, and spec.config.redis is not set; add spec.config.redis: {host, port}']],
    ],
    [
      'a KEDA password from a secret one letter off',
      full((c) => (c.spec.backend.pools.worker = { mode: 'async', keda: { maxReplicas: 2, passwordFrom: { secret: 'secrets.backen', key: 'K' } } })),
      [
        [
          'unknown-reference',
          `${WORKER}.keda.passwordFrom.secret`,
          '"secrets.backen" names no secret; use secrets.<id> or secret:<name>; did you mean "secrets.backend"?',
        ],
      ],
    ],
    [
      'a KEDA password from a secret like none',
      full((c) => (c.spec.backend.pools.worker = { mode: 'async', keda: { maxReplicas: 2, passwordFrom: { secret: 'secrets.zzzzzzzz', key: 'K' } } })),
      [['unknown-reference', `${WORKER}.keda.passwordFrom.secret`, '"secrets.zzzzzzzz" names no secret; use secrets.<id> or secret:<name>']],
    ],
    [
      'a KEDA password key the second secret lacks',
      full((c) => (c.spec.backend.pools.worker = { mode: 'async', keda: { maxReplicas: 2, passwordFrom: { secret: 'secrets.s3', key: 'NOPE' } } })),
      [['unknown-reference', `${WORKER}.keda.passwordFrom.key`, 'NOPE is not a key of secrets.s3 (it has S3_BUCKET)']],
    ],
    [
      'a KEDA password key the second secret has',
      full((c) => (c.spec.backend.pools.worker = { mode: 'async', keda: { maxReplicas: 2, passwordFrom: { secret: 'secrets.s3', key: 'S3_BUCKET' } } })),
      [],
    ],
    [
      'a KEDA password key of an outside Secret',
      full((c) => (c.spec.backend.pools.worker = { mode: 'async', keda: { maxReplicas: 2, passwordFrom: { secret: 'secret:redis-auth', key: 'password' } } })),
      [],
    ],
    [
      'an envFrom entry near nothing, without a ConfigMap',
      minimal((c) => (c.spec.backend.envFrom = ['configg'])),
      [
        [
          'unknown-reference',
          'spec.backend.envFrom[0]',
          '"configg" names no secret or config of this app; use secrets.<id>, config, or secret:<name> / configMap:<name> for an object made elsewhere',
        ],
      ],
    ],
    [
      'a KEDA password key the first secret lacks',
      full((c) => (c.spec.backend.pools.worker = { mode: 'async', keda: { maxReplicas: 2, passwordFrom: { secret: 'secrets.backend', key: 'NOPE' } } })),
      [['unknown-reference', `${WORKER}.keda.passwordFrom.key`, 'NOPE is not a key of secrets.backend (it has DB_PASSWORD, JWT_SECRET)']],
    ],
    [
      'a KEDA password key of a secret with no keys',
      full((c) => {
        c.spec.secrets.empty = { store: { name: 'gsm' }, gcp: { keys: {} } };
        c.spec.backend.pools.worker = { mode: 'async', keda: { maxReplicas: 2, passwordFrom: { secret: 'secrets.empty', key: 'NOPE' } } };
      }),
      [
        ['required', 'spec.secrets.empty.gcp.keys', 'needs at least one entry'],
        ['unknown-reference', `${WORKER}.keda.passwordFrom.key`, 'NOPE is not a key of secrets.empty'],
      ],
    ],
    [
      'ingressFrom on a pool with no port',
      minimal((c) => {
        delete c.spec.backend.pools.api.service;
        c.spec.backend.pools.api.port = 'none';
        c.spec.backend.pools.api.ingressFrom = ['gateway'];
      }),
      [['no-port', `${API}.ingressFrom`, `admits traffic to a container port, but port is none; give ${API} a port, or remove ingressFrom`]],
    ],
    [
      'an empty ingressFrom on a pool with no port',
      minimal((c) => {
        delete c.spec.backend.pools.api.service;
        c.spec.backend.pools.api.port = 'none';
        c.spec.backend.pools.api.ingressFrom = [];
      }),
      [],
    ],
    // where each production rule points
    [
      'backend probes with two handlers',
      minimal((c) => (c.spec.backend.probes = { path: '/healthz', tcp: true })),
      [['one-handler', 'spec.backend.probes', 'has path and tcp; a probe has exactly one handler, so keep one']],
    ],
    [
      'a reserved pool label',
      minimal((c) => (c.spec.backend.pools.api.labels = { app: 'x' })),
      [['reserved-label', `${API}.labels.app`, 'is set by the function on every object it generates (selectors and ownership); use another key']],
    ],
    [
      'a backend env entry with no source',
      minimal((c) => (c.spec.backend.env = { X: {} })),
      [['one-source', 'spec.backend.env.X', 'needs one of from (with key), field or resource']],
    ],
    [
      'a reserved migration pod label',
      minimal((c) => (c.spec.backend.migration = { command: ['/app'], podLabels: { app: 'x' } })),
      [
        [
          'reserved-label',
          'spec.backend.migration.podLabels.app',
          'is set by the function on every object it generates (selectors and ownership); use another key',
        ],
      ],
    ],
    [
      'a Service on a pool with no port',
      minimal((c) => (c.spec.backend.pools.api.port = 'none')),
      [['no-port', `${API}.service`, `needs a container port to target, but port is none; give ${API} a port, or remove service`]],
    ],
  ])('%s', (_name, input, expected) => {
    expect(found(input)).toEqual(expected);
  });
});

// The later cross-field rules (ports, probes, autoscaling, drain, preStop, env sources, volumes, patches, service
// accounts): each row triggers one rule, or stays on the quiet side of its condition, and pins code, field and sentence.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { minimalConfig } from '../support/apps.js';

type Config = Record<string, any>;
type Found = [string | undefined, string | undefined, string];
const config = (change: (c: Config) => void): Config => {
  const c = minimalConfig();
  change(c);
  return c;
};
const pool = (fields: Config): Config => config((c) => Object.assign(c.spec.backend.pools.api, fields));
const found = (input: unknown): Found[] => loadConfig(input).results.map((r) => [r.tags?.code, r.field?.path, r.message.replace(`${r.field?.path}: `, '')]);

const API = 'spec.backend.pools.api';
const NO_SERVICE = { port: 'none', service: undefined };

describe('the later rules word each problem with its code, field and sentence', () => {
  it.each<[string, Config, Found[]]>([
    [
      'HTTP probes without a port',
      pool({ ...NO_SERVICE, probes: { path: '/health' } }),
      [['no-port', `${API}.probes`, 'http probes need a container port, but port is none; use probes.exec or probes: none']],
    ],
    [
      'a preStop httpGet without a port',
      pool({ ...NO_SERVICE, preStop: { httpGet: { path: '/drain' } }, terminationGracePeriodSeconds: 60 }),
      [['no-port', `${API}.preStop.httpGet`, 'needs a container port, but port is none; use sleepSeconds or exec']],
    ],
    ['a preStop exec without a port', pool({ ...NO_SERVICE, preStop: { exec: ['/bin/drain'] } }), []],
    [
      'a metrics port missing without a container port',
      pool({ ...NO_SERVICE, monitoring: {} }),
      [['no-port', `${API}.monitoring.port`, 'is required when port is none: name the port the metrics are served on (e.g. 9090)']],
    ],
    [
      'two probe handlers',
      pool({ probes: { path: '/health', tcp: true } }),
      [['one-handler', `${API}.probes`, 'has path and tcp; a probe has exactly one handler, so keep one']],
    ],
    [
      'three probe handlers',
      pool({ probes: { path: '/health', tcp: true, exec: ['/bin/ok'] } }),
      [['one-handler', `${API}.probes`, 'has path, tcp and exec; a probe has exactly one handler, so keep one']],
    ],
    [
      'replicas with autoscaling',
      pool({ replicas: 3, autoscaling: { minReplicas: 2, maxReplicas: 4 } }),
      [
        [
          'replicas-with-autoscaling',
          `${API}.replicas`,
          '3 would be overridden: the HPA owns the replica count (from autoscaling.minReplicas 2); remove replicas (null in an overlay)',
        ],
      ],
    ],
    [
      'autoscaling on an external metric only',
      pool({
        autoscaling: {
          minReplicas: 1,
          maxReplicas: 4,
          cpuUtilization: 'none',
          memoryUtilization: 'none',
          external: { queue: { metric: 'queue_depth', averageValue: '10' } },
        },
      }),
      [],
    ],
    [
      'autoscaling with no metric',
      pool({ autoscaling: { minReplicas: 1, maxReplicas: 4, cpuUtilization: 'none', memoryUtilization: 'none' } }),
      [
        [
          'no-metric',
          `${API}.autoscaling`,
          'has no metric: cpuUtilization and memoryUtilization are none and there is no external metric; the HPA would never scale',
        ],
      ],
    ],
    [
      'the stabilization window set twice',
      pool({
        autoscaling: { minReplicas: 1, maxReplicas: 4, scaleDownStabilizationWindowSeconds: 60, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } },
      }),
      [['duplicate-field', `${API}.autoscaling.scaleDownStabilizationWindowSeconds`, 'is also set as behavior.scaleDown.stabilizationWindowSeconds; keep one']],
    ],
    [
      'a preStop sleep at the default grace',
      pool({ preStop: { sleepSeconds: 30 } }),
      [
        [
          'grace-too-short',
          `${API}.preStop.sleepSeconds`,
          '30s of preStop sleep leaves no time to shut down within the default terminationGracePeriodSeconds 30; the kubelet kills the container at the deadline, so set terminationGracePeriodSeconds above 30 (e.g. 60)',
        ],
      ],
    ],
    [
      'a preStop sleep at the given grace',
      pool({ preStop: { sleepSeconds: 20 }, terminationGracePeriodSeconds: 20 }),
      [
        [
          'grace-too-short',
          `${API}.preStop.sleepSeconds`,
          '20s of preStop sleep leaves no time to shut down within terminationGracePeriodSeconds 20; the kubelet kills the container at the deadline, so set terminationGracePeriodSeconds above 20 (e.g. 50)',
        ],
      ],
    ],
    ['no preStop sleep and no grace', pool({ terminationGracePeriodSeconds: 0 }), []],
    [
      'two preStop handlers',
      pool({ preStop: { sleepSeconds: 5, exec: ['/bin/drain'] } }),
      [['one-handler', `${API}.preStop`, 'has sleepSeconds and exec; keep one']],
    ],
    ['no preStop handler', pool({ preStop: {} }), [['one-handler', `${API}.preStop`, 'needs one of sleepSeconds, exec or httpGet']]],
    [
      'an env value with two sources',
      pool({ env: { X: { field: 'metadata.name', resource: 'limits.memory' } } }),
      [['one-source', `${API}.env.X`, 'has field and resource; keep one']],
    ],
    ['an env value with no source', pool({ env: { X: {} } }), [['one-source', `${API}.env.X`, 'needs one of from (with key), field or resource']]],
    [
      'from without a key',
      pool({ env: { X: { from: 'secret:creds' } } }),
      [['required', `${API}.env.X.key`, 'is required with from: the key of secret:creds to read']],
    ],
    ['a key without from', pool({ env: { X: { field: 'metadata.name', key: 'k' } } }), [['invalid-value', `${API}.env.X.key`, 'belongs to from; remove it']]],
    [
      'optional without from',
      pool({ env: { X: { field: 'metadata.name', optional: true } } }),
      [['invalid-value', `${API}.env.X.optional`, 'belongs to from; remove it']],
    ],
    [
      'a divisor without a resource',
      pool({ env: { X: { field: 'metadata.name', divisor: '1Mi' } } }),
      [['invalid-value', `${API}.env.X.divisor`, 'belongs to resource; remove it']],
    ],
    ['a divisor with a resource', pool({ env: { X: { resource: 'limits.memory', divisor: '1Mi' } } }), []],
    [
      'a volume at /tmp with the root filesystem writable',
      pool({ security: { readOnlyRootFilesystem: false }, volumes: { tmp: { mountPath: '/tmp', emptyDir: {} } } }),
      [],
    ],
    [
      'a volume at /tmp beside the writable /tmp',
      pool({ volumes: { scratch: { mountPath: '/tmp', emptyDir: {} } } }),
      [['duplicate-mount', `${API}.volumes.scratch.mountPath`, '/tmp is already mounted by the writable /tmp (security.writableTmp)']],
    ],
    [
      'a volume named tmp beside the writable /tmp',
      pool({ volumes: { tmp: { mountPath: '/scratch', emptyDir: {} } } }),
      [['duplicate-name', `${API}.volumes.tmp`, '"tmp" is the name of the writable /tmp volume; pick another name']],
    ],
    [
      'a volume with two sources',
      pool({ volumes: { data: { mountPath: '/data', from: 'configMap:x', emptyDir: {} } } }),
      [['one-source', `${API}.volumes.data`, 'needs exactly one of from (a Secret or ConfigMap) or emptyDir']],
    ],
    [
      'a volume from an unknown source',
      pool({ volumes: { data: { mountPath: '/data', from: 'secrets.nope' } } }),
      [
        [
          'unknown-reference',
          `${API}.volumes.data.from`,
          '"secrets.nope" names no secret or config of this app; use secrets.<id>, config, or secret:<name> / configMap:<name> for an object made elsewhere',
        ],
      ],
    ],
    [
      'items without from',
      pool({ volumes: { data: { mountPath: '/data', emptyDir: {}, items: { a: 'a' } } } }),
      [['items-without-source', `${API}.volumes.data.items`, 'selects keys of a Secret or ConfigMap; set from']],
    ],
    [
      'two volumes on one path',
      pool({ volumes: { a: { mountPath: '/data', emptyDir: {} }, b: { mountPath: '/data', emptyDir: {} } } }),
      [['duplicate-mount', `${API}.volumes.b.mountPath`, '/data is already mounted by volumes.a']],
    ],
    [
      'a patch with two bodies',
      pool({ patches: [{ target: 'Deployment', merge: {}, json: [{ op: 'remove', path: '/spec/replicas' }] }] }),
      [['one-body', `${API}.patches[0]`, 'needs exactly one of merge (RFC 7386) or json (RFC 6902)']],
    ],
    [
      'a Service patch without a Service',
      pool({ ...NO_SERVICE, patches: [{ target: 'Service', merge: {} }] }),
      [['unknown-target', `${API}.patches[0].target`, 'api renders no Service to patch']],
    ],
    ['a Service patch with a Service', pool({ patches: [{ target: 'Service', merge: {} }] }), []],
    [
      'a budget patch without a budget',
      pool({ patches: [{ target: 'PodDisruptionBudget', merge: {} }] }),
      [['unknown-target', `${API}.patches[0].target`, 'api renders no PodDisruptionBudget to patch']],
    ],
    ['a budget patch with a budget', pool({ replicas: 3, disruptionBudget: { minAvailable: 1 }, patches: [{ target: 'PodDisruptionBudget', merge: {} }] }), []],
    [
      'an account patch without an account',
      pool({ patches: [{ target: 'ServiceAccount', merge: {} }] }),
      [['unknown-target', `${API}.patches[0].target`, 'api renders no ServiceAccount to patch']],
    ],
    ['an account patch with an own account', pool({ serviceAccount: { name: 'api' }, patches: [{ target: 'ServiceAccount', merge: {} }] }), []],
    [
      'an account patch with a shared account',
      config((c) => {
        c.spec.serviceAccounts = { team: {} };
        Object.assign(c.spec.backend.pools.api, { serviceAccount: { shared: 'team' }, patches: [{ target: 'ServiceAccount', merge: {} }] });
      }),
      [['unknown-target', `${API}.patches[0].target`, 'api renders no ServiceAccount to patch']],
    ],
    [
      'an account patch with an external account',
      pool({ serviceAccount: { external: 'ops' }, patches: [{ target: 'ServiceAccount', merge: {} }] }),
      [['unknown-target', `${API}.patches[0].target`, 'api renders no ServiceAccount to patch']],
    ],
    [
      'two ways to the backend account',
      config((c) => {
        c.spec.serviceAccounts = { team: {} };
        c.spec.backend.serviceAccount = { name: 'backend', shared: 'team' };
      }),
      [['one-account', 'spec.backend.serviceAccount', 'has name and shared; choose one: an own account (name), shared or external']],
    ],
    [
      'three ways to a job account',
      config((c) => {
        c.spec.serviceAccounts = { team: {} };
        c.spec.backend.cronJobs = { purge: { schedule: '@daily', serviceAccount: { name: 'p', shared: 'team', external: 'ops' } } };
      }),
      [['one-account', 'spec.backend.cronJobs.purge.serviceAccount', 'has name, shared and external; choose one: an own account (name), shared or external']],
    ],
  ])('%s', (_, input, expected) => {
    expect(found(input)).toEqual(expected);
  });
});

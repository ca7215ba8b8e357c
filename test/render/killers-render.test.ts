// What the renderers write for config values no other test reaches: fields left unset (no key at all, which a
// user's RFC 6902 patch can tell from a key holding nothing), maps written in sorted key order whatever the input's
// order, and the monitoring, scaling and Argo CD branches. Every case goes through generate(), the function's path
// from a TomodaApp to its objects. Written for the surviving mutants of src/render (docs/verification.md).
import { describe, expect, it } from 'vitest';
import { ANNOTATION, NAMESPACE_NAME_LABEL } from '../../src/constants.js';
import { PORT_NAME } from '../../src/config/model.js';
import { generate } from '../../src/generate.js';
import type { KubeObject } from '../../src/render/index.js';
import { minimalConfig } from '../support/apps.js';

type Spec = Record<string, any>;
const dig = (value: unknown, ...path: Array<string | number>): any => path.reduce((v: any, k) => v?.[k], value);

/** generate() on the minimal app (one pool, api, with a Service) after `edit` changed its spec. */
const generated = (edit: (spec: Spec, api: Spec) => void) => {
  const config = minimalConfig();
  edit(config.spec, config.spec.backend.pools.api);
  return generate(config, { hashSuffix: false });
};
const objectsOf = (edit: (spec: Spec, api: Spec) => void): KubeObject[] => {
  const out = generated(edit);
  if (!out.objects) throw new Error(`expected objects, got: ${out.results.map((r) => r.message).join('; ')}`);
  return out.objects;
};
const one = (objects: KubeObject[], kind: string): any => {
  const found = objects.filter((o) => o.kind === kind);
  expect(found.map((o) => o.kind)).toEqual([kind]);
  return found[0];
};
const container = (objects: KubeObject[]): any => dig(one(objects, 'Deployment'), 'spec', 'template', 'spec', 'containers', 0);

describe('a field the config leaves unset has no key in the object', () => {
  it('a rollout without maxSurge and maxUnavailable writes no strategy (Kubernetes keeps its 25%)', () => {
    const deployment = one(
      objectsOf((_, api) => (api.rollout = { minReadySeconds: 5 })),
      'Deployment',
    );
    expect(deployment.spec.minReadySeconds).toBe(5);
    expect(Object.keys(deployment.spec)).not.toContain('strategy');
  });

  it('an emptyDir without sizeLimit has no sizeLimit', () => {
    const volumes = dig(
      one(
        objectsOf((_, api) => (api.volumes = { scratch: { emptyDir: { medium: 'Memory' }, mountPath: '/scratch' } })),
        'Deployment',
      ),
      'spec',
      'template',
      'spec',
      'volumes',
    );
    expect(volumes.find((v: any) => v.name === 'scratch')).toEqual({ name: 'scratch', emptyDir: { medium: 'Memory' } });
  });

  // The rendered objects are what the user's JSON patches (RFC 6902) see: removing a member that is not there fails,
  // as it would against the applied object. A key holding undefined would let the remove pass.
  const removeFails = (edit: (spec: Spec, api: Spec) => void, target: string, pointer: (objects: KubeObject[]) => string) => {
    const pathTo = pointer(objectsOf(edit));
    const out = generated((spec, api) => {
      edit(spec, api);
      api.patches = [{ target, json: [{ op: 'remove', path: pathTo }] }];
    });
    const key = pathTo.split('/').at(-1);
    expect(out.objects).toBeUndefined();
    expect(out.results.map((r) => [r.tags?.code, r.message])).toEqual([['patch-failed', `remove ${pathTo}: "${key}" does not exist`]]);
  };
  const indexIn = (list: any[], name: string): number => {
    const i = list.findIndex((item) => item.name === name);
    expect(i).toBeGreaterThanOrEqual(0);
    return i;
  };

  it.each<[string, (spec: Spec, api: Spec) => void, string]>([
    ['maxUnavailable', (_, api) => (api.rollout = { maxSurge: 1 }), '/spec/strategy/rollingUpdate/maxUnavailable'],
    ['maxSurge', (_, api) => (api.rollout = { maxUnavailable: 0 }), '/spec/strategy/rollingUpdate/maxSurge'],
    ['a gRPC probe service', (_, api) => (api.probes = { grpc: {} }), '/spec/template/spec/containers/0/livenessProbe/grpc/service'],
  ])('a Deployment without %s', (_, edit, pointer) => {
    removeFails(edit, 'Deployment', () => pointer);
  });

  it('an env value from a resource without divisor', () => {
    const edit = (spec: Spec) => (spec.backend.env = { GOMEMLIMIT: { resource: 'limits.memory' } });
    removeFails(edit, 'Deployment', (objects) => {
      const i = indexIn(container(objects).env, 'GOMEMLIMIT');
      return `/spec/template/spec/containers/0/env/${i}/valueFrom/resourceFieldRef/divisor`;
    });
  });

  it('a volume mount without subPath', () => {
    const edit = (_: Spec, api: Spec) => (api.volumes = { files: { from: 'configMap:files', mountPath: '/etc/files' } });
    removeFails(edit, 'Deployment', (objects) => {
      const i = indexIn(container(objects).volumeMounts, 'files');
      return `/spec/template/spec/containers/0/volumeMounts/${i}/subPath`;
    });
  });

  it('HPA scaling rules without a stabilization window', () => {
    const edit = (_: Spec, api: Spec) =>
      (api.autoscaling = { maxReplicas: 4, behavior: { scaleUp: { policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] } } });
    removeFails(edit, 'HorizontalPodAutoscaler', () => '/spec/behavior/scaleUp/stabilizationWindowSeconds');
  });
});

describe('maps come out in sorted key order, whatever the order of the input', () => {
  const sorted = (keys: string[]) => [...keys].sort();

  it('the Deployment annotations', () => {
    const deployment = one(
      objectsOf((_, api) => (api.annotations = { 'zeta.example.com/b': '1', 'alpha.example.com/a': '2' })),
      'Deployment',
    );
    const keys = Object.keys(deployment.metadata.annotations);
    expect(keys).toEqual(['alpha.example.com/a', 'zeta.example.com/b']);
    expect(keys).toEqual(sorted(keys));
  });

  it('the pod annotations', () => {
    const deployment = one(
      objectsOf((_, api) => (api.podAnnotations = { 'zeta.example.com/b': '1', 'alpha.example.com/a': '2' })),
      'Deployment',
    );
    expect(Object.keys(deployment.spec.template.metadata.annotations)).toEqual(['alpha.example.com/a', 'zeta.example.com/b']);
  });

  it('the items of a ConfigMap volume', () => {
    const objects = objectsOf(
      (_, api) => (api.volumes = { files: { from: 'configMap:files', items: { zeta: 'z.txt', alpha: 'a.txt' }, mountPath: '/etc/files' } }),
    );
    const volume = dig(one(objects, 'Deployment'), 'spec', 'template', 'spec', 'volumes').find((v: any) => v.name === 'files');
    expect(volume.configMap.items).toEqual([
      { key: 'alpha', path: 'a.txt' },
      { key: 'zeta', path: 'z.txt' },
    ]);
  });
});

describe('pod template branches', () => {
  it('a preStop httpGet is a GET on the container port', () => {
    const lifecycle = container(objectsOf((_, api) => (api.preStop = { httpGet: { path: '/drain' } }))).lifecycle;
    expect(lifecycle).toEqual({ preStop: { httpGet: { path: '/drain', port: PORT_NAME } } });
  });

  it('zones without antiAffinity give a node affinity and no pod anti-affinity', () => {
    const affinity = dig(
      one(
        objectsOf((_, api) => (api.scheduling = { zones: ['asia-east1-a', 'asia-east1-b'] })),
        'Deployment',
      ),
      'spec',
      'template',
      'spec',
      'affinity',
    );
    expect(Object.keys(affinity)).toEqual(['nodeAffinity']);
  });
});

describe('an HPA', () => {
  it('with cpuUtilization none has no CPU metric', () => {
    const hpa = one(
      objectsOf((_, api) => (api.autoscaling = { maxReplicas: 4, cpuUtilization: 'none', memoryUtilization: 80 })),
      'HorizontalPodAutoscaler',
    );
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  });
});

describe('monitoring', () => {
  const nsPeer = (namespace: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } });
  const portOf = (objects: KubeObject[]): number => container(objects).ports[0].containerPort;

  it('a ServiceMonitor on the container port scrapes the Service port and adds no second one', () => {
    const objects = objectsOf((_, api) => (api.monitoring = { serviceMonitor: true }));
    expect(dig(one(objects, 'Service'), 'spec', 'ports').map((p: any) => p.name)).toEqual([PORT_NAME]);
    const monitor = one(objects, 'ServiceMonitor');
    expect(Object.keys(monitor.spec)).toEqual(['selector', 'endpoints']);
    expect(monitor.spec.endpoints.map((e: any) => e.port)).toEqual([PORT_NAME]);
  });

  it('scrapers already let in on the container port get no second ingress rule', () => {
    const objects = objectsOf((_, api) => {
      api.monitoring = { podMonitoring: true };
      api.ingressFrom = ['gmp-system'];
    });
    expect(one(objects, 'NetworkPolicy').spec.ingress).toEqual([{ from: [nsPeer('gmp-system')], ports: [{ protocol: 'TCP', port: portOf(objects) }] }]);
  });

  it('scrapers let in on the container port still get a rule for a separate metrics port', () => {
    const objects = objectsOf((_, api) => {
      api.monitoring = { podMonitoring: true, port: 9090 };
      api.ingressFrom = ['gmp-system'];
    });
    expect(one(objects, 'NetworkPolicy').spec.ingress).toEqual([
      { from: [nsPeer('gmp-system')], ports: [{ protocol: 'TCP', port: portOf(objects) }] },
      { from: [nsPeer('gmp-system')], ports: [{ protocol: 'TCP', port: 9090 }] },
    ]);
  });
});

describe('egress', () => {
  it("to a store that is a Service of the app's own namespace allows every pod of that namespace", () => {
    const objects = objectsOf((spec, api) => {
      spec.config = { redis: { host: 'redis-master' } };
      api.egress = {};
    });
    // The first rule is DNS.
    expect(one(objects, 'NetworkPolicy').spec.egress.slice(1)).toEqual([{ to: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 6379 }] }]);
  });
});

describe('the migration Job under Argo CD', () => {
  it('with only a sync wave is an ordinary resource, replaced on a change, in that wave', () => {
    const objects = objectsOf((spec) => (spec.backend.migration = { command: ['/app/migrate'], argocd: { syncWave: -2 } }));
    expect(one(objects, 'Job').metadata.annotations).toEqual({
      [ANNOTATION.argocdSyncOptions]: 'Force=true,Replace=true',
      [ANNOTATION.argocdSyncWave]: '-2',
    });
  });
});

describe('a patch that leaves a NetworkPolicy the API server would refuse', () => {
  it('is refused as an error of the patch, naming the peer', () => {
    const peers = [{ podSelector: {} }, {}];
    const out = generated((_, api) => (api.patches = [{ target: 'NetworkPolicy', json: [{ op: 'add', path: '/spec/ingress', value: [{ from: peers }] }] }]));
    expect(out.objects).toBeUndefined();
    expect(out.results.map((r) => [r.severity, r.tags?.code, r.field?.path, r.message])).toEqual([
      [
        'error',
        'network-policy-peer',
        'spec.backend.pools.api.patches[0]',
        'breaks NetworkPolicy/api-policy: spec.ingress[0].from[1]: names no peer: give a podSelector, a namespaceSelector or an ipBlock; fix or remove the patch',
      ],
    ]);
  });
});

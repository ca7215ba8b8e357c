import { describe, expect, it } from 'vitest';
import { checkReferences } from '../../src/verify/references.js';
import { fullConfig } from '../support/apps.js';
import { codes, objectOf, renderedSet } from './support.js';

const NONE = { provided: { secrets: new Set<string>(), configMaps: new Set<string>() }, blockingBudgetAccepted: new Set<string>() };

describe('checkReferences', () => {
  it('finds nothing in a rendered set', () => {
    expect(checkReferences(renderedSet().objects)).toEqual([]);
  });

  describe('Service → pods and ports', () => {
    it('reports a Service that selects no pods', () => {
      const { objects } = renderedSet();
      objectOf(objects, 'Service', 'frontend-service').spec.selector = { app: 'gone' };
      expect(codes(checkReferences(objects))).toEqual(['service-selects-nothing Service/frontend-service spec.selector']);
    });

    it('reports a Service without a selector', () => {
      const { objects } = renderedSet();
      delete objectOf(objects, 'Service', 'frontend-service').spec.selector;
      expect(codes(checkReferences(objects))).toEqual(['service-selects-nothing Service/frontend-service spec.selector']);
    });

    it('reports a target port the pods do not declare, by name, number or protocol', () => {
      for (const [targetPort, protocol] of [
        ['metrics', 'TCP'],
        [9999, 'TCP'],
        ['http', 'UDP'],
      ] as const) {
        const { objects } = renderedSet();
        Object.assign(objectOf(objects, 'Service', 'backend-service').spec.ports[0], { targetPort, protocol });
        expect(codes(checkReferences(objects))).toEqual(['service-target-port Service/backend-service spec.ports[0].targetPort']);
      }
    });

    it('accepts a numeric target port that is a container port', () => {
      const { objects } = renderedSet();
      const port = objectOf(objects, 'Deployment', 'api').spec.template.spec.containers[0].ports[0].containerPort;
      objectOf(objects, 'Service', 'backend-service').spec.ports[0].targetPort = port;
      expect(checkReferences(objects)).toEqual([]);
    });
  });

  describe('Ingress → Service ports', () => {
    it('reports a backend Service that is not generated, and a port it does not have', () => {
      const { objects } = renderedSet();
      const paths = objectOf(objects, 'Ingress', 'demo-ingress').spec.rules.map((r: any) => r.http.paths[0]);
      paths[0].backend.service.name = 'backend-svc';
      paths[1].backend.service.port = { number: 81 };
      expect(codes(checkReferences(objects))).toEqual([
        'ingress-backend Ingress/demo-ingress spec.rules[0].http.paths[0].backend.service.name',
        'ingress-backend Ingress/demo-ingress spec.rules[1].http.paths[0].backend.service.port',
      ]);
    });

    it.each(['/a//b', '/a/./b', '/a/../b', '/a%2Fb', '/a/..', '/a/.', 'relative'])('reports the path %s', (path) => {
      const { objects } = renderedSet();
      objectOf(objects, 'Ingress', 'demo-ingress').spec.rules[0].http.paths[0].path = path;
      expect(codes(checkReferences(objects))).toEqual(['ingress-path Ingress/demo-ingress spec.rules[0].http.paths[0].path']);
    });

    it('lets ImplementationSpecific paths hold what Prefix paths may not', () => {
      const { objects } = renderedSet();
      Object.assign(objectOf(objects, 'Ingress', 'demo-ingress').spec.rules[0].http.paths[0], { path: '/a//b', pathType: 'ImplementationSpecific' });
      expect(checkReferences(objects)).toEqual([]);
    });
  });

  describe('Secrets and ConfigMaps read by pods', () => {
    it('counts ExternalSecret targets and ConfigMaps as rendered', () => {
      const { objects } = renderedSet();
      const names = objectOf(objects, 'Deployment', 'api').spec.template.spec.containers[0].envFrom.map((s: any) => s.secretRef?.name ?? s.configMapRef?.name);
      expect(names).toEqual(['backend', 's3-uploader-secret', 'backend-config-prod']);
      expect(checkReferences(objects)).toEqual([]);
    });

    it('reports a source that is neither rendered nor provided, wherever a pod reads it', () => {
      const { objects } = renderedSet();
      const spec = objectOf(objects, 'Deployment', 'worker').spec.template.spec;
      spec.containers[0].envFrom[0].secretRef.name = 'backend-secrets';
      spec.containers[0].env.push({ name: 'X', valueFrom: { configMapKeyRef: { name: 'flags', key: 'x' } } });
      spec.volumes.push({ name: 'certs', secret: { secretName: 'certs' } }, { name: 'opt', configMap: { name: 'maybe', optional: true } });
      expect(codes(checkReferences(objects))).toEqual([
        'unresolved-reference Deployment/worker spec.template.spec.containers[0].envFrom[0].secretRef.name',
        `unresolved-reference Deployment/worker spec.template.spec.containers[0].env[${spec.containers[0].env.length - 1}].valueFrom.configMapKeyRef.name`,
        'unresolved-reference Deployment/worker spec.template.spec.volumes[1].secret.secretName',
      ]);
    });

    it('reports a referenced name that is not a DNS-1123 subdomain, provided or not', () => {
      const { objects } = renderedSet();
      objectOf(objects, 'Deployment', 'api').spec.template.spec.containers[0].envFrom[0].secretRef.name = 'Bad Name';
      const provided = { secrets: new Set(['Bad Name']), configMaps: new Set<string>() };
      expect(codes(checkReferences(objects, { ...NONE, provided }))).toEqual([
        'invalid-reference Deployment/api spec.template.spec.containers[0].envFrom[0].secretRef.name',
      ]);
    });

    it('accepts sources the config declares as made elsewhere, and only those', () => {
      const config = fullConfig();
      config.spec.backend.envFrom.push('secret:shared-credentials', 'configMap:feature-flags');
      const { objects, context } = renderedSet(config);
      expect(codes(checkReferences(objects))).toEqual(
        ['api', 'worker'].flatMap((pool) => [
          `unresolved-reference Deployment/${pool} spec.template.spec.containers[0].envFrom[3].secretRef.name`,
          `unresolved-reference Deployment/${pool} spec.template.spec.containers[0].envFrom[4].configMapRef.name`,
        ]),
      );
      expect(checkReferences(objects, { ...NONE, provided: context.provided })).toEqual([]);
    });

    it('follows an ExternalSecret whose target name differs from its own name', () => {
      const { objects } = renderedSet();
      const externalSecret = objectOf(objects, 'ExternalSecret', 'backend');
      externalSecret.spec.target.name = 'backend-env';
      expect(codes(checkReferences(objects))).toEqual(
        ['api', 'worker'].map((pool) => `unresolved-reference Deployment/${pool} spec.template.spec.containers[0].envFrom[0].secretRef.name`),
      );
      delete externalSecret.spec.target.name; // the target defaults to the ExternalSecret's name
      expect(checkReferences(objects)).toEqual([]);
    });
  });

  describe('HPA → workload', () => {
    it('reports a scale target that is not generated, of another kind, or bounds that cross', () => {
      const { objects } = renderedSet();
      const hpa = objectOf(objects, 'HorizontalPodAutoscaler', 'api-hpa');
      hpa.spec.scaleTargetRef.name = 'apii';
      expect(codes(checkReferences(objects))).toContain('hpa-target HorizontalPodAutoscaler/api-hpa spec.scaleTargetRef');
      hpa.spec.scaleTargetRef = { apiVersion: 'v1', kind: 'ConfigMap', name: 'backend-config-prod' };
      expect(codes(checkReferences(objects))).toContain('hpa-target HorizontalPodAutoscaler/api-hpa spec.scaleTargetRef');
      hpa.spec.scaleTargetRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' };
      hpa.spec.minReplicas = 9;
      expect(codes(checkReferences(objects))).toEqual(['hpa-bounds HorizontalPodAutoscaler/api-hpa spec.minReplicas']);
    });
  });

  describe('PodDisruptionBudget at the lowest replica count', () => {
    const budget = (pdb: Record<string, unknown>, minReplicas: number) => {
      const { objects } = renderedSet();
      const spec = objectOf(objects, 'PodDisruptionBudget', 'api-pdb').spec;
      delete spec.minAvailable;
      Object.assign(spec, pdb);
      objectOf(objects, 'HorizontalPodAutoscaler', 'api-hpa').spec.minReplicas = minReplicas;
      return objects;
    };

    it.each([
      [{ minAvailable: 1 }, 1, true],
      [{ minAvailable: 1 }, 2, false],
      [{ minAvailable: '50%' }, 1, true],
      [{ minAvailable: '50%' }, 3, false],
      [{ minAvailable: '100%' }, 5, true],
      [{ maxUnavailable: 0 }, 4, true],
      [{ maxUnavailable: '0%' }, 4, true],
      [{ maxUnavailable: '10%' }, 1, false],
      [{ maxUnavailable: 1 }, 1, false],
    ])('%j at HPA minimum %i blocks every eviction: %s', (pdb, min, blocks) => {
      expect(codes(checkReferences(budget(pdb, min)))).toEqual(blocks ? [`pdb-blocks-drain PodDisruptionBudget/api-pdb spec.${Object.keys(pdb)[0]}`] : []);
    });

    it('reads the replica count where no HPA scales the workload, and skips a workload scaled to zero', () => {
      const { objects } = renderedSet();
      const pdb = structuredClone(objectOf(objects, 'PodDisruptionBudget', 'api-pdb'));
      Object.assign(pdb, { metadata: { ...pdb.metadata, name: 'worker-pdb' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'worker' } } } });
      objects.push(pdb);
      expect(codes(checkReferences(objects))).toEqual(['pdb-blocks-drain PodDisruptionBudget/worker-pdb spec.minAvailable']);
      objectOf(objects, 'Deployment', 'worker').spec.replicas = 0;
      expect(checkReferences(objects)).toEqual([]);
    });

    it('reports a percentage above 100% and a budget with both or neither bound', () => {
      expect(codes(checkReferences(budget({ maxUnavailable: '150%' }, 3)))).toEqual(['pdb-bounds PodDisruptionBudget/api-pdb spec.maxUnavailable']);
      expect(codes(checkReferences(budget({ maxUnavailable: 1, minAvailable: 1 }, 3)))).toEqual(['pdb-bounds PodDisruptionBudget/api-pdb spec']);
    });

    it('accepts a blocking budget for a workload whose config was warned about it', () => {
      const objects = budget({ minAvailable: 1 }, 1);
      expect(checkReferences(objects, { ...NONE, blockingBudgetAccepted: new Set(['api']) })).toEqual([]);
    });
  });
});

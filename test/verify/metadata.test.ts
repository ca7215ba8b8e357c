import { describe, expect, it } from 'vitest';
import { checkMetadata } from '../../src/verify/metadata.js';
import { dns1035Label, ianaServiceName, labelValue, qualifiedName } from '../../src/k8s/names.js';
import { fullConfig } from '../support/apps.js';
import { codes, objectOf, renderedSet } from './support.js';

describe('name rules', () => {
  it.each([
    ['backend-service', true],
    ['1backend', false],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['Backend', false],
    ['back.end', false],
  ])('DNS-1035 label %s → %s', (value, valid) => expect(dns1035Label(value) === undefined).toBe(valid));

  it.each([
    ['app.kubernetes.io/name', true],
    ['app', true],
    ['example.com/', false],
    ['/name', false],
    ['Example.com/name', false],
    ['a/b/c', false],
    [`${'a'.repeat(64)}`, false],
    ['-x', false],
  ])('qualified name %s → %s', (value, valid) => expect(qualifiedName(value) === undefined).toBe(valid));

  it.each([
    ['', true],
    ['v1.2_3-x', true],
    ['hello world', false],
    ['-x', false],
    ['a'.repeat(64), false],
  ])('label value %j → %s', (value, valid) => expect(labelValue(value) === undefined).toBe(valid));

  it.each([
    ['http', true],
    ['8080', false],
    ['web--port', false],
    ['very-long-port-name', false],
  ])('port name %s → %s', (value, valid) => expect(ianaServiceName(value) === undefined).toBe(valid));
});

describe('checkMetadata', () => {
  it('finds nothing in a rendered set', () => {
    expect(checkMetadata(renderedSet().objects)).toEqual([]);
  });

  it('reports a Service name that is not a DNS-1035 label', () => {
    const { objects } = renderedSet();
    objectOf(objects, 'Service', 'backend-service').metadata.name = '1-backend';
    expect(codes(checkMetadata(objects))).toEqual(['invalid-name Service/1-backend metadata.name']);
  });

  it('reports a name longer than a subdomain and a namespace that is not a label', () => {
    const { objects } = renderedSet();
    const deployment = objectOf(objects, 'Deployment', 'worker');
    deployment.metadata.name = `w${'.x'.repeat(130)}`;
    objectOf(objects, 'ConfigMap', 'backend-config-prod').metadata.namespace = 'Apps';
    expect(codes(checkMetadata(objects))).toEqual([
      'invalid-name ConfigMap/backend-config-prod metadata.namespace',
      `invalid-name Deployment/${deployment.metadata.name} metadata.name`,
    ]);
  });

  it('reports label keys and values the API server refuses, on objects, pod templates and selectors', () => {
    const { objects } = renderedSet();
    const deployment = objectOf(objects, 'Deployment', 'api');
    deployment.metadata.labels.team = 'platform team';
    deployment.spec.template.metadata.labels['bad key!'] = 'x';
    objectOf(objects, 'NetworkPolicy', 'api-policy').spec.podSelector.matchLabels.app = 'a'.repeat(64);
    objectOf(objects, 'Service', 'backend-service').spec.selector.app = 'x y';
    expect(codes(checkMetadata(objects))).toEqual([
      'invalid-label Deployment/api metadata.labels.team',
      'invalid-label Deployment/api spec.template.metadata.labels["bad key!"]',
      'invalid-label Service/backend-service spec.selector.app',
      'invalid-label NetworkPolicy/api-policy spec.podSelector.matchLabels.app',
    ]);
  });

  it('reports annotation keys that are not qualified names and annotations over 256 KiB', () => {
    const { objects } = renderedSet();
    const ingress = objectOf(objects, 'Ingress', 'demo-ingress');
    ingress.metadata.annotations['not a key'] = 'x';
    objectOf(objects, 'ConfigMap', 'backend-config-prod').metadata.annotations = { big: 'x'.repeat(256 * 1024) };
    expect(codes(checkMetadata(objects))).toEqual([
      'invalid-annotation ConfigMap/backend-config-prod metadata.annotations',
      'invalid-annotation Ingress/demo-ingress metadata.annotations["not a key"]',
    ]);
  });

  it('reports container, port and volume names, and duplicates within a pod', () => {
    const { objects } = renderedSet();
    const spec = objectOf(objects, 'Deployment', 'api').spec.template.spec;
    spec.containers[0].ports[0].name = 'http-port-number-1';
    spec.containers.push({ ...spec.containers[0], ports: [] });
    spec.volumes[0].name = 'Tmp';
    expect(codes(checkMetadata(objects))).toEqual([
      'invalid-name Deployment/api spec.template.spec.containers[0].ports[0].name',
      'duplicate-name Deployment/api spec.template.spec.containers[1].name',
      'invalid-name Deployment/api spec.template.spec.volumes[0].name',
    ]);
  });

  it('reports one object generated twice (same group, kind, namespace and name)', () => {
    const { objects } = renderedSet();
    objects.push(structuredClone(objectOf(objects, 'NetworkPolicy', 'worker-policy')));
    expect(codes(checkMetadata(objects))).toEqual(['duplicate-object NetworkPolicy/worker-policy metadata.name']);
  });

  it('reports HPA metric names the API refuses and metric selectors with invalid labels', () => {
    const config = fullConfig();
    config.spec.backend.pools.api.autoscaling.external = { queue: { metric: 'asynq_queue_depth', matchLabels: { queue: 'default' }, averageValue: '10' } };
    const { objects } = renderedSet(config);
    const metric = objectOf(objects, 'HorizontalPodAutoscaler', 'api-hpa').spec.metrics[2].external.metric;
    expect(checkMetadata(objects)).toEqual([]);
    metric.name = 'a/b';
    metric.selector.matchLabels.queue = 'a b';
    expect(codes(checkMetadata(objects))).toEqual([
      'invalid-label HorizontalPodAutoscaler/api-hpa spec.metrics[2].external.metric.selector.matchLabels.queue',
      'invalid-name HorizontalPodAutoscaler/api-hpa spec.metrics[2].external.metric.name',
    ]);
  });
});

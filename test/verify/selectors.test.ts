import { describe, expect, it } from 'vitest';
import { checkSelectors } from '../../src/verify/selectors.js';
import { codes, objectOf, renderedSet } from './support.js';

describe('checkSelectors', () => {
  it('finds nothing in a rendered set', () => {
    expect(checkSelectors(renderedSet().objects)).toEqual([]);
  });

  it('reports a workload selector that misses its own pod template', () => {
    const { objects } = renderedSet();
    objectOf(objects, 'Deployment', 'api').spec.template.metadata.labels.app = 'other';
    expect(codes(checkSelectors(objects))).toEqual([
      'selector Deployment/api spec.selector',
      'selector Service/backend-service spec.selector',
      'selector NetworkPolicy/api-policy spec.podSelector',
      'selector PodDisruptionBudget/api-pdb spec.selector',
    ]);
  });

  it("reports a workload selector that also matches another workload's pods", () => {
    const { objects } = renderedSet();
    const api = objectOf(objects, 'Deployment', 'api');
    api.spec.selector = { matchLabels: { 'app.kubernetes.io/part-of': 'demo' } };
    const findings = checkSelectors(objects);
    expect(codes(findings)).toEqual(['selector Deployment/api spec.selector', 'selector Deployment/api spec.selector']);
    expect(findings[0]!.message).toContain('Deployment/worker');
  });

  it('reads matchExpressions as Kubernetes does', () => {
    const { objects } = renderedSet();
    objectOf(objects, 'Deployment', 'api').spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] };
    objectOf(objects, 'Deployment', 'worker').spec.selector = { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api', 'frontend'] }] };
    expect(checkSelectors(objects)).toEqual([]);
    objectOf(objects, 'Deployment', 'worker').spec.selector = { matchExpressions: [{ key: 'app', operator: 'Exists' }] };
    expect(codes(checkSelectors(objects))).toEqual(['selector Deployment/worker spec.selector', 'selector Deployment/worker spec.selector']);
  });

  it('reports Services, NetworkPolicies and PDBs that select no workload or several', () => {
    const { objects } = renderedSet();
    objectOf(objects, 'Service', 'backend-service').spec.selector = { 'app.kubernetes.io/component': 'backend' };
    objectOf(objects, 'NetworkPolicy', 'worker-policy').spec.podSelector = { matchLabels: { app: 'nothing' } };
    objectOf(objects, 'NetworkPolicy', 'frontend-policy').spec.podSelector = {};
    expect(codes(checkSelectors(objects))).toEqual([
      'selector Service/backend-service spec.selector',
      'selector NetworkPolicy/worker-policy spec.podSelector',
      'selector NetworkPolicy/frontend-policy spec.podSelector',
    ]);
  });

  it('only matches pods in the same namespace', () => {
    const { objects } = renderedSet();
    objectOf(objects, 'PodDisruptionBudget', 'api-pdb').metadata.namespace = 'elsewhere';
    expect(codes(checkSelectors(objects))).toEqual(['selector PodDisruptionBudget/api-pdb spec.selector']);
  });
});

// verifyRendered as the function calls it (processResourceList, render FILE, the legacy plugin): every check is
// reached through this one entry point, with the context the config gives. Each break below must come out of
// verifyRendered, so a check dropped from it, or inverted, fails here even though its own tests call it directly.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/render/index.js';
import { STRICT, verifyRendered } from '../../src/verify/index.js';
import { fullConfig } from '../support/apps.js';
import { codes, objectOf, renderedSet } from './support.js';

type Break = (objects: KubeObject[]) => void;
const podSpec = (objects: KubeObject[], name: string): any => objectOf(objects, 'Deployment', name).spec.template.spec;

/** One break per check (and per branch the function's output could take); the findings verifyRendered must return. */
const BREAKS: Array<[string, Break, string[]]> = [
  [
    'an invalid object name (metadata)',
    (o) => (objectOf(o, 'NetworkPolicy', 'api-policy').metadata.name = 'API_Policy'),
    ['invalid-name NetworkPolicy/API_Policy metadata.name'],
  ],
  [
    'a 16-character port name (metadata)',
    (o) => (podSpec(o, 'worker').containers[0].ports[0].name = 'a234567890123456'),
    ['invalid-name Deployment/worker spec.template.spec.containers[0].ports[0].name'],
  ],
  [
    'a pod template its selector misses (selectors)',
    (o) => (objectOf(o, 'Deployment', 'worker').spec.template.metadata.labels.app = 'other'),
    // The default spread selects the pods by the labels they had: it misses them too.
    [
      'selector Deployment/worker spec.selector',
      'selector NetworkPolicy/worker-policy spec.podSelector',
      'spread-selector Deployment/worker spec.template.spec.topologySpreadConstraints[0].labelSelector',
      'spread-selector Deployment/worker spec.template.spec.topologySpreadConstraints[1].labelSelector',
    ],
  ],
  [
    'a Service that selects no pods (selectors)',
    (o) => (objectOf(o, 'Service', 'backend-service').spec.selector = { app: 'nobody' }),
    expect.arrayContaining(['selector Service/backend-service spec.selector']) as any,
  ],
  ['hostNetwork (pod security)', (o) => (podSpec(o, 'api').hostNetwork = true), ['pod-security/host-namespaces Deployment/api spec.template.spec.hostNetwork']],
  ['hostPID (pod security)', (o) => (podSpec(o, 'api').hostPID = true), ['pod-security/host-namespaces Deployment/api spec.template.spec.hostPID']],
  ['hostIPC (pod security)', (o) => (podSpec(o, 'api').hostIPC = true), ['pod-security/host-namespaces Deployment/api spec.template.spec.hostIPC']],
  [
    'runAsUser 0 with no waiver (pod security)',
    (o) => (podSpec(o, 'api').securityContext.runAsUser = 0),
    ['pod-security/run-as-user Deployment/api spec.template.spec.securityContext.runAsUser'],
  ],
  [
    'a Service port no container declares (references)',
    (o) => (objectOf(o, 'Service', 'backend-service').spec.ports[0].targetPort = 'grpc'),
    ['service-target-port Service/backend-service spec.ports[0].targetPort'],
  ],
  [
    'a Secret nobody makes (references)',
    (o) => (podSpec(o, 'worker').containers[0].envFrom[0].secretRef.name = 'missing'),
    ['unresolved-reference Deployment/worker spec.template.spec.containers[0].envFrom[0].secretRef.name'],
  ],
  [
    'an HPA that scales nothing generated (references; the budget then has no known minimum)',
    (o) => (objectOf(o, 'HorizontalPodAutoscaler', 'api-hpa').spec.scaleTargetRef.name = 'gone'),
    ['hpa-target HorizontalPodAutoscaler/api-hpa spec.scaleTargetRef', 'pdb-blocks-drain PodDisruptionBudget/api-pdb spec.minAvailable'],
  ],
];

describe('verifyRendered', () => {
  it("finds nothing in a rendered set, with the config's context and strictly", () => {
    const { objects, context } = renderedSet();
    expect(verifyRendered(objects, context)).toEqual([]);
    expect(verifyRendered(objects)).toEqual([]);
  });

  it.each(BREAKS.map(([what, mutate, expected]) => ({ what, mutate, expected })))('reports $what', ({ mutate, expected }) => {
    const { objects, context } = renderedSet();
    mutate(objects);
    const findings = verifyRendered(objects, context);
    expect(codes(findings)).toEqual(expected);
    for (const finding of findings) expect(finding.message).toMatch(/^\S.{10,}/); // a sentence
  });

  it('requires a Deployment selector, and none of a Job, CronJob or bare Pod (the API server makes theirs)', () => {
    const { objects, context } = renderedSet();
    delete objectOf(objects, 'Deployment', 'worker').spec.selector;
    const template = structuredClone(objectOf(objects, 'Deployment', 'api').spec.template);
    const labels = (name: string) => ({ ...template.metadata.labels, app: name });
    objects.push(
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'job' }, spec: { template: { ...template, metadata: { labels: labels('job') } } } },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'cron' },
        spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { ...template, metadata: { labels: labels('cron') } } } } },
      },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod', labels: labels('pod') }, spec: template.spec },
    );
    const findings = verifyRendered(objects, context).filter((f) => f.tags?.code === 'selector');
    expect(codes(findings)).toEqual(['selector Deployment/worker spec.selector']);
    expect(findings[0]!.message).toContain('is missing'); // not "does not match its pods": there is nothing to match
  });

  it('refuses an empty NetworkPolicy or PDB selector (every pod), and leaves an empty Service selector to the reference check', () => {
    const { objects, context } = renderedSet();
    objectOf(objects, 'NetworkPolicy', 'worker-policy').spec.podSelector = {};
    objectOf(objects, 'PodDisruptionBudget', 'api-pdb').spec.selector = {};
    objectOf(objects, 'Service', 'backend-service').spec.selector = {};
    const findings = verifyRendered(objects, context);
    for (const finding of findings) expect(finding.message).toMatch(/^\S.{10,}/);
    expect(codes(findings)).toEqual([
      'selector NetworkPolicy/worker-policy spec.podSelector',
      'selector PodDisruptionBudget/api-pdb spec.selector',
      'service-selects-nothing Service/backend-service spec.selector',
    ]);
  });

  it('returns the findings of every check together, in check order: metadata, selectors, pod security, references, workloads', () => {
    const { objects, context } = renderedSet();
    for (const [, mutate] of [BREAKS[0]!, BREAKS[2]!, BREAKS[4]!, BREAKS[9]!]) mutate(objects);
    expect(codes(verifyRendered(objects, context))).toEqual([
      'invalid-name NetworkPolicy/API_Policy metadata.name',
      'selector Deployment/worker spec.selector',
      'selector NetworkPolicy/worker-policy spec.podSelector',
      'pod-security/host-namespaces Deployment/api spec.template.spec.hostNetwork',
      'unresolved-reference Deployment/worker spec.template.spec.containers[0].envFrom[0].secretRef.name',
      'spread-selector Deployment/worker spec.template.spec.topologySpreadConstraints[0].labelSelector',
      'spread-selector Deployment/worker spec.template.spec.topologySpreadConstraints[1].labelSelector',
    ]);
  });

  it('accepts a 15-character port name', () => {
    const { objects, context } = renderedSet();
    podSpec(objects, 'worker').containers[0].ports[0].name = 'a23456789012345';
    expect(verifyRendered(objects, context)).toEqual([]);
  });

  it('waives runAsUser 0 and the other waivable rules for the workload whose config waives them, and no other', () => {
    const config = fullConfig();
    config.spec.backend.pools.worker.security = { runAsNonRoot: false, runAsUser: 0, readOnlyRootFilesystem: false, automountServiceAccountToken: true };
    const { objects, context } = renderedSet(config);
    expect(verifyRendered(objects, context)).toEqual([]);
    expect(codes(verifyRendered(objects, STRICT))).toEqual([
      'pod-security/run-as-user Deployment/worker spec.template.spec.securityContext.runAsUser',
      'pod-security/run-as-non-root Deployment/worker spec.template.spec.containers[0].securityContext.runAsNonRoot',
      'pod-security/read-only-root-filesystem Deployment/worker spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
      'pod-security/automount-token Deployment/worker spec.template.spec.automountServiceAccountToken',
    ]);
    expect([...context.waivers.get('worker')!].sort()).toEqual(['automount-token', 'read-only-root-filesystem', 'run-as-non-root', 'run-as-user']);
    expect([...context.waivers.get('api')!]).toEqual([]);
    const api = podSpec(objects, 'api');
    api.securityContext.runAsUser = 0;
    api.containers[0].securityContext.runAsNonRoot = false;
    api.containers[0].securityContext.readOnlyRootFilesystem = false;
    api.automountServiceAccountToken = true;
    expect(codes(verifyRendered(objects, context))).toEqual([
      'pod-security/run-as-user Deployment/api spec.template.spec.securityContext.runAsUser',
      'pod-security/run-as-non-root Deployment/api spec.template.spec.containers[0].securityContext.runAsNonRoot',
      'pod-security/read-only-root-filesystem Deployment/api spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
      'pod-security/automount-token Deployment/api spec.template.spec.automountServiceAccountToken',
    ]);
  });

  it('accepts a Secret or ConfigMap the config declares as made elsewhere, and only that one', () => {
    const config = fullConfig();
    config.spec.backend.envFrom = ['secret:made-elsewhere', 'configMap:flags-elsewhere', 'config'];
    const { objects, context } = renderedSet(config);
    expect(verifyRendered(objects, context)).toEqual([]);
    expect(codes(verifyRendered(objects, STRICT))).toEqual([
      'unresolved-reference Deployment/api spec.template.spec.containers[0].envFrom[0].secretRef.name',
      'unresolved-reference Deployment/api spec.template.spec.containers[0].envFrom[1].configMapRef.name',
      'unresolved-reference Deployment/worker spec.template.spec.containers[0].envFrom[0].secretRef.name',
      'unresolved-reference Deployment/worker spec.template.spec.containers[0].envFrom[1].configMapRef.name',
    ]);
  });

  it('accepts a drain-blocking budget only where the config was warned about it', () => {
    const config = fullConfig();
    config.spec.backend.pools.api.autoscaling.minReplicas = 1;
    const { objects, context } = renderedSet(config);
    expect([...context.blockingBudgetAccepted]).toEqual(['api']);
    expect(verifyRendered(objects, context)).toEqual([]);
    expect(codes(verifyRendered(objects, STRICT))).toEqual(['pdb-blocks-drain PodDisruptionBudget/api-pdb spec.minAvailable']);
  });
});

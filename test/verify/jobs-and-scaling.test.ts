// The post-render checks for Jobs, CronJobs, egress, ScaledObjects and monitors: each breaks one field of a
// valid rendered set and expects one finding at that field.
import { describe, expect, it } from 'vitest';
import { checkJobsAndScaling } from '../../src/verify/jobs-and-scaling.js';
import { verifyRendered } from '../../src/verify/index.js';
import { everyKindConfig } from '../support/apps.js';
import { codes, objectOf, renderedSet } from './support.js';

const everything = () => renderedSet(everyKindConfig());

describe('checkJobsAndScaling', () => {
  it('finds nothing in a rendered set with every new kind, and the whole check suite agrees', () => {
    const { objects, context } = everything();
    expect(checkJobsAndScaling(objects)).toEqual([]);
    expect(verifyRendered(objects, context)).toEqual([]);
    expect(new Set(objects.map((o) => o.kind))).toEqual(
      new Set([
        'ConfigMap',
        'ExternalSecret',
        'Job',
        'Deployment',
        'CronJob',
        'Service',
        'Ingress',
        'NetworkPolicy',
        'HorizontalPodAutoscaler',
        'ScaledObject',
        'TriggerAuthentication',
        'PodDisruptionBudget',
        'PodMonitoring',
        'PodMonitor',
        'ServiceMonitor',
      ]),
    );
  });

  it('holds Job and CronJob pods to Pod Security "restricted" and the reference checks, like a Deployment\'s', () => {
    const { objects, context } = everything();
    objectOf(objects, 'CronJob', 'purge').spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation = true;
    objectOf(objects, 'Job', 'demo-migrate').spec.template.spec.containers[0].envFrom[0].secretRef.name = 'gone';
    expect(codes(verifyRendered(objects, context))).toEqual([
      'pod-security/privilege-escalation CronJob/purge spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
      'unresolved-reference Job/demo-migrate spec.template.spec.containers[0].envFrom[0].secretRef.name',
    ]);
  });

  it('reports a Job or CronJob pod that restarts Always', () => {
    const { objects } = everything();
    objectOf(objects, 'Job', 'demo-migrate').spec.template.spec.restartPolicy = 'Always';
    delete objectOf(objects, 'CronJob', 'purge').spec.jobTemplate.spec.template.spec.restartPolicy;
    expect(codes(checkJobsAndScaling(objects))).toEqual([
      'job-restart-policy Job/demo-migrate spec.template.spec.restartPolicy',
      'job-restart-policy CronJob/purge spec.jobTemplate.spec.template.spec.restartPolicy',
    ]);
  });

  it('reports a locked-down egress policy without DNS on UDP or TCP 53', () => {
    const { objects } = everything();
    const policy = objectOf(objects, 'NetworkPolicy', 'worker-policy');
    policy.spec.egress[0].ports = [{ protocol: 'TCP', port: 53 }];
    expect(codes(checkJobsAndScaling(objects))).toEqual(['egress-blocks-dns NetworkPolicy/worker-policy spec.egress']);
    policy.spec.egress.shift();
    expect(checkJobsAndScaling(objects)[0]!.message).toMatch(/UDP and TCP port 53/);
  });

  it('reports a ScaledObject whose target is missing or also has an HPA, and a missing TriggerAuthentication', () => {
    const { objects } = everything();
    const scaled = objectOf(objects, 'ScaledObject', 'worker-scaler');
    scaled.spec.scaleTargetRef.name = 'api';
    scaled.spec.triggers[0].authenticationRef.name = 'gone';
    expect(codes(checkJobsAndScaling(objects))).toEqual([
      'hpa-and-scaledobject ScaledObject/worker-scaler spec.scaleTargetRef',
      'trigger-authentication ScaledObject/worker-scaler spec.triggers[0].authenticationRef.name',
    ]);
    scaled.spec.scaleTargetRef.name = 'gone';
    expect(codes(checkJobsAndScaling(objects))[0]).toBe('scaled-object-target ScaledObject/worker-scaler spec.scaleTargetRef');
  });

  it('reports a TriggerAuthentication whose Secret is neither generated nor declared, and accepts one made elsewhere', () => {
    const { objects } = everything();
    objectOf(objects, 'TriggerAuthentication', 'worker-redis-auth').spec.secretTargetRef[0].name = 'redis-auth';
    expect(codes(verifyRendered(objects))).toEqual(['unresolved-reference TriggerAuthentication/worker-redis-auth spec.secretTargetRef[0].name']);
    const config = everyKindConfig();
    config.spec.backend.pools.worker.keda.passwordFrom = { secret: 'secret:redis-auth' };
    const made = renderedSet(config);
    expect(objectOf(made.objects, 'TriggerAuthentication', 'worker-redis-auth').spec.secretTargetRef[0]).toEqual({
      parameter: 'password',
      name: 'redis-auth',
      key: 'REDIS_PASSWORD',
    });
    expect(verifyRendered(made.objects, made.context)).toEqual([]);
    expect(codes(verifyRendered(made.objects))).toEqual(['unresolved-reference TriggerAuthentication/worker-redis-auth spec.secretTargetRef[0].name']);
  });

  it('reports a monitor that selects nothing or scrapes a port its target does not name', () => {
    const { objects } = everything();
    objectOf(objects, 'PodMonitoring', 'worker-metrics').spec.endpoints[0].port = 'metric';
    objectOf(objects, 'PodMonitor', 'worker-metrics').spec.selector.matchLabels = { app: 'gone' };
    objectOf(objects, 'ServiceMonitor', 'api-metrics').spec.endpoints[0].port = 'web';
    expect(codes(checkJobsAndScaling(objects))).toEqual([
      'monitor-port ServiceMonitor/api-metrics spec.endpoints[0].port',
      'monitor-port PodMonitoring/worker-metrics spec.endpoints[0].port',
      'selector PodMonitor/worker-metrics spec.selector',
    ]);
  });
});

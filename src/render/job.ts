// The migration Job and the scheduled tasks' CronJobs: the backend's pod, run to completion.
import { ANNOTATION } from '../constants.js';
import type { Job, Model } from '../config/model.js';
import { workloadLabels, workloadMeta, type KubeObject } from './meta.js';
import { renderPodTemplate } from './pod-template.js';

export function renderMigrationJob(model: Model): KubeObject[] {
  const job = model.migration;
  if (!job) return [];
  return [{ apiVersion: 'batch/v1', kind: 'Job', metadata: workloadMeta(model, job, job.name, argocdAnnotations(job)), spec: jobSpec(model, job) }];
}

export function renderCronJob(model: Model, job: Job): KubeObject {
  const schedule = job.schedule!;
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: workloadMeta(model, job, job.name),
    spec: {
      schedule: schedule.schedule,
      ...(schedule.timeZone !== undefined ? { timeZone: schedule.timeZone } : {}),
      concurrencyPolicy: schedule.concurrencyPolicy,
      ...(schedule.startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds: schedule.startingDeadlineSeconds } : {}),
      suspend: schedule.suspend,
      successfulJobsHistoryLimit: schedule.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: schedule.failedJobsHistoryLimit,
      jobTemplate: { metadata: { labels: workloadLabels(model, job) }, spec: jobSpec(model, job) },
    },
  };
}

function jobSpec(model: Model, job: Job): Record<string, unknown> {
  return {
    backoffLimit: job.backoffLimit,
    ...(job.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: job.activeDeadlineSeconds } : {}),
    ...(job.ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished: job.ttlSecondsAfterFinished } : {}),
    template: renderPodTemplate(job, { labels: workloadLabels(model, job), restartPolicy: job.restartPolicy }),
  };
}

/**
 * A hook runs before the sync applies anything and is not tracked afterwards. A sync-wave Job is an ordinary
 * resource: its pod template cannot change in place, so Argo CD replaces it (delete, then create) on a change.
 */
function argocdAnnotations(job: Job): Record<string, string> | undefined {
  const argocd = job.argocd;
  if (!argocd) return undefined;
  return {
    ...(argocd.hook
      ? { [ANNOTATION.argocdHook]: argocd.hook.name, [ANNOTATION.argocdHookDeletePolicy]: argocd.hook.deletePolicy }
      : { [ANNOTATION.argocdSyncOptions]: 'Force=true,Replace=true' }),
    ...(argocd.syncWave !== undefined ? { [ANNOTATION.argocdSyncWave]: String(argocd.syncWave) } : {}),
  };
}

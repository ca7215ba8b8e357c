// The kinds the function emits, which are exactly the kinds the checks know. An object of any other kind is
// itself a finding: a renderer that starts emitting a kind must come with the checks for it.
import type { KubeObject } from '../render/meta.js';
import type { Path } from '../results.js';

export interface KindChecks {
  /** Where the pod template sits, for kinds that run pods. */
  podTemplate?: Path;
  /** The label selector that picks the kind's pods or targets, and whether it is a plain map (a Service's). */
  selector?: { path: Path; plainMap: boolean };
}

/** apiVersion/kind → what the checks read of it. */
export const CHECKED_KINDS: Readonly<Record<string, KindChecks>> = {
  'v1/ConfigMap': {},
  'external-secrets.io/v1/ExternalSecret': {},
  'apps/v1/Deployment': { podTemplate: ['spec', 'template'], selector: { path: ['spec', 'selector'], plainMap: false } },
  'v1/Service': { selector: { path: ['spec', 'selector'], plainMap: true } },
  'networking.k8s.io/v1/Ingress': {},
  'networking.k8s.io/v1/NetworkPolicy': { selector: { path: ['spec', 'podSelector'], plainMap: false } },
  'autoscaling/v2/HorizontalPodAutoscaler': {},
  'policy/v1/PodDisruptionBudget': { selector: { path: ['spec', 'selector'], plainMap: false } },
  // Jobs and CronJobs: the API server generates the selector of a Job's pods.
  'batch/v1/Job': { podTemplate: ['spec', 'template'] },
  'batch/v1/CronJob': { podTemplate: ['spec', 'jobTemplate', 'spec', 'template'] },
  'keda.sh/v1alpha1/ScaledObject': {},
  'keda.sh/v1alpha1/TriggerAuthentication': {},
  'monitoring.googleapis.com/v1/PodMonitoring': { selector: { path: ['spec', 'selector'], plainMap: false } },
  'monitoring.coreos.com/v1/PodMonitor': { selector: { path: ['spec', 'selector'], plainMap: false } },
  // A ServiceMonitor selects Services, not pods; jobs-and-scaling.ts checks that it selects one.
  'monitoring.coreos.com/v1/ServiceMonitor': {},
  /** Pods name it in serviceAccountName; verify/workloads.ts finds the name among these or the declared external ones. */
  'v1/ServiceAccount': {},
};

export const kindChecksOf = (object: KubeObject): KindChecks | undefined => CHECKED_KINDS[`${object.apiVersion}/${object.kind}`];

// Names, labels and selectors shared by every renderer.
import { ANNOTATION, FUNCTION_NAME, LABEL } from '../constants.js';
import type { Model, Workload } from '../config/model.js';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** Labels on every generated object. */
export function appLabels(model: Model): Record<string, string> {
  return { [LABEL.partOf]: model.app, [LABEL.managedBy]: FUNCTION_NAME, ...model.labels };
}

/** What labels a pod: a workload, the migration or a scheduled task. */
export type Labelled = Pick<Workload, 'name'> & { role: string };

/** The selector of a workload: `app: <name>`, as the hand-written manifests had it (Deployment selectors are immutable). */
export function selector(workload: Pick<Workload, 'name'>): Record<string, string> {
  return { [LABEL.app]: workload.name };
}

/** Labels on a workload's pods and on every object that belongs to the workload. */
export function workloadLabels(model: Model, workload: Labelled): Record<string, string> {
  return {
    ...selector(workload),
    [LABEL.name]: workload.name,
    [LABEL.component]: workload.role,
    ...appLabels(model),
  };
}

export function objectMeta(model: Model, name: string, labels: Record<string, string>, annotations?: Record<string, string>): ObjectMeta {
  return {
    name,
    ...(model.namespace ? { namespace: model.namespace } : {}),
    labels,
    ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
  };
}

export const workloadMeta = (model: Model, workload: Labelled, name: string, annotations?: Record<string, string>): ObjectMeta =>
  objectMeta(model, name, workloadLabels(model, workload), annotations);

/** The Argo CD sync wave of what the migration reads (ConfigMap, ExternalSecrets), so it exists when the migration runs. */
export const syncWave = (model: Model): Record<string, string> =>
  model.configSyncWave !== undefined ? { [ANNOTATION.argocdSyncWave]: String(model.configSyncWave) } : {};

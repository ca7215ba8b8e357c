// API groups, kinds and annotation names in one place.
export const API_VERSION = 'tomoda.life/v1alpha1';
export const KIND = 'TomodaApp';
export const RESOURCE_LIST_API_VERSION = 'config.kubernetes.io/v1';
export const RESOURCE_LIST_KIND = 'ResourceList';
export const FUNCTION_NAME = 'tomoda-app-fn';

export const ANNOTATION = {
  localConfig: 'config.kubernetes.io/local-config',
  path: 'config.kubernetes.io/path',
  internalPath: 'internal.config.kubernetes.io/path',
  index: 'config.kubernetes.io/index',
  id: 'config.k8s.io/id',
  internalPrefix: 'internal.config.kubernetes.io/',
  internalIndex: 'internal.config.kubernetes.io/index',
  needsHash: 'kustomize.config.k8s.io/needs-hash',
  clusterIssuer: 'cert-manager.io/cluster-issuer',
  argocdHook: 'argocd.argoproj.io/hook',
  argocdHookDeletePolicy: 'argocd.argoproj.io/hook-delete-policy',
  argocdSyncWave: 'argocd.argoproj.io/sync-wave',
  argocdSyncOptions: 'argocd.argoproj.io/sync-options',
  /** On each object the function writes into a kpt package: which TomodaApp it was generated for (runners/ownership.ts). */
  generatedFor: 'tomoda.life/generated-for',
  /** On a TomodaApp: lint findings silenced on purpose, one per line as `CODE [PATH]: REASON`; rendering ignores it. */
  lintIgnore: 'tomoda.life/lint-ignore',
  /** GKE Workload Identity: the Google service account a Kubernetes ServiceAccount acts as. */
  gcpServiceAccount: 'iam.gke.io/gcp-service-account',
  /** Stakater Reloader: roll the Deployment when a Secret or ConfigMap it reads changes. */
  reloaderAuto: 'reloader.stakater.com/auto',
} as const;

export const LABEL = {
  app: 'app',
  name: 'app.kubernetes.io/name',
  partOf: 'app.kubernetes.io/part-of',
  component: 'app.kubernetes.io/component',
  managedBy: 'app.kubernetes.io/managed-by',
} as const;

export const EXTERNAL_SECRETS_API_VERSION = 'external-secrets.io/v1';
export const KEDA_API_VERSION = 'keda.sh/v1alpha1';
export const GKE_MONITORING_API_VERSION = 'monitoring.googleapis.com/v1';
export const PROMETHEUS_OPERATOR_API_VERSION = 'monitoring.coreos.com/v1';
/** The label every namespace carries with its own name (Kubernetes 1.22+), for namespace selectors. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

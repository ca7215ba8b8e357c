// Every default of the TomodaApp API, in one table. Only config/model.ts applies them; config/schema.ts shows
// the ones that are plain values to editors (JSON Schema "default"), so what an editor shows is what is applied.
export const DEFAULTS = {
  environment: 'dev',
  frontendName: 'frontend',
  image: { tag: 'latest' },
  port: { backend: 8080, frontend: 8081 },
  replicas: 1,
  probePath: { backend: '/health', frontend: '/' },
  probeTiming: {
    liveness: { initialDelaySeconds: 15, periodSeconds: 30 },
    readiness: { initialDelaySeconds: 10, periodSeconds: 10 },
  },
  requests: { cpu: '10m', memory: '64Mi' },
  /** The memory limit of a workload that sets none; a larger memory request raises it to the request. */
  memoryLimit: '256Mi',
  security: { runAsNonRoot: true, readOnlyRootFilesystem: true, writableTmp: true, automountServiceAccountToken: false },
  autoscaling: { minReplicas: 1, cpuUtilization: 70, memoryUtilization: 80 },
  /** Namespaces allowed to reach a workload that an Ingress route points at. */
  ingressControllerNamespaces: ['traefik-system'],
  ingress: { className: 'traefik', path: '/', pathType: 'Prefix' },
  secret: { storeKind: 'ClusterSecretStore', refreshInterval: '1h' },
  database: { port: 5432, sslMode: 'require' },
  redis: { port: 6379 },
  // ---- Jobs, scheduled tasks, egress, monitoring and queue-depth scaling
  job: { restartPolicy: 'Never', backoffLimit: 1, migrationDeadlineSeconds: 600, ttlSecondsAfterFinished: 86400 },
  cronJob: { concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, suspend: false },
  migrationHook: { hook: 'PreSync', hookDeletePolicy: 'BeforeHookCreation' },
  /** Where cluster DNS runs: kube-dns (CoreDNS on most clusters keeps the label) in kube-system. */
  egressDns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
  egressProtocol: 'TCP',
  metrics: { path: '/metrics', interval: '30s' },
  /** Namespaces of the scrapers: GKE Managed Prometheus collectors, and prometheus-operator's usual home. */
  scraperNamespace: { podMonitoring: 'gmp-system', prometheusOperator: 'monitoring' },
  keda: { minReplicas: 1, queues: ['default'], listLength: 10, passwordKey: 'REDIS_PASSWORD' },
  // ---- production workload fields (issue 10)
  /** A workload that may run this many pods or more spreads over zones and nodes unless it says otherwise. */
  spread: { minPods: 2, policy: 'ScheduleAnyway', maxSkew: 1 },
  reloadOnChange: false,
  /** Secret and ConfigMap volumes mount read-only, emptyDir volumes writable. */
  volumeReadOnly: { source: true, emptyDir: false },
  patchTarget: 'Deployment',
} as const;

/** Names the function derives when the config gives none. */
export const DEFAULT_NAME = {
  service: (workload: string): string => `${workload}-service`,
  configMap: (environment: string): string => `backend-config-${environment}`,
  ingress: (app: string): string => `${app}-ingress`,
  tlsSecret: (ingress: string): string => `${ingress}-tls`,
  migration: (app: string): string => `${app}-migrate`,
} as const;

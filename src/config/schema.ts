// The TomodaApp API (tomoda.life/v1alpha1) as a zod schema. Strict everywhere but `metadata`
// (owned by Kubernetes and the runners): an unknown key is an error that names the nearest known key.
// Defaults are applied in one place, config/model.ts, from config/defaults.ts; the schema only shows them to
// editors (JSON Schema "default") and leaves the field optional.
import * as z from 'zod';
import { API_VERSION, KIND } from '../constants.js';
import { DEFAULTS } from './defaults.js';
import { IMAGE_DIGEST, IMAGE_NAME, IMAGE_REGISTRY, IMAGE_TAG } from '../k8s/image.js';
import { PERCENT } from '../k8s/int-or-percent.js';
import {
  DNS_1035_LABEL,
  DNS_1123_LABEL as DNS_LABEL,
  DNS_1123_SUBDOMAIN as DNS_SUBDOMAIN,
  HOST,
  INGRESS_HOST,
  isIngressHostName,
  isNotIpAddress,
  isQualifiedNameWithinLimits,
  LABEL_VALUE,
  METRIC_NAME,
  QUALIFIED_NAME as QUALIFIED_KEY,
  qualifiedName,
} from '../k8s/names.js';
import { INT32_MAX, RANGE } from '../k8s/numbers.js';
import { QUANTITY } from '../k8s/quantity.js';
import { isCidr } from '../k8s/cidr.js';
import { FREE_TEXT, HTTP_URL, IDENTIFIER, isHttpUrl } from '../k8s/text.js';

/** Env names as POSIX shells and Go programs read them (Kubernetes takes more; the backend reads these). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** An optional field whose default the model applies; the JSON Schema shows it. */
const withDefault = <T extends z.ZodType>(schema: T, value: unknown) => schema.optional().meta({ default: value });

const dnsLabel = z
  .string()
  .max(63, 'must be at most 63 characters (a DNS-1123 label)')
  .regex(DNS_LABEL, 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit');
const dns1035Label = z
  .string()
  .max(63, 'must be at most 63 characters (a DNS-1035 label)')
  .regex(DNS_1035_LABEL, 'must be a DNS-1035 label: lowercase letters, digits and "-", starting with a letter');
const dnsSubdomain = z
  .string()
  .max(253, 'must be at most 253 characters (a DNS-1123 subdomain)')
  .regex(DNS_SUBDOMAIN, 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit');
/** A value with surrounding whitespace (a non-breaking space included) is refused with that said, on every reader path. */
const padded = (input: unknown): boolean => typeof input === 'string' && input !== input.trim();
const orPadded = (message: string) => (issue: { input?: unknown }) => (padded(issue.input) ? `has leading or trailing whitespace; ${message}` : message);
/** An Ingress rule host: a DNS name, optionally with a "*." wildcard; the API server refuses IP addresses. */
const ingressHost = z
  .string()
  .max(253, 'must be at most 253 characters')
  .regex(INGRESS_HOST, { error: orPadded('must be a lowercase DNS name such as app.example.com (a leading "*." is allowed)') })
  .refine(isIngressHostName, 'is an IP address; an Ingress host must be a DNS name');
/** A host a program connects to: a DNS name (a single label such as postgres or localhost is a Service or this machine) or an IP address. */
const host = z
  .string()
  .max(253, 'must be at most 253 characters')
  .regex(HOST, { error: orPadded('must be a host name such as postgres or db.example.com, or an IP address') });
const envName = z.string().regex(ENV_NAME, 'must be an environment variable name: letters, digits and "_", not starting with a digit');
const text = z.string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string; quote it in YAML') });
/** Free text such as env values: line breaks and tabs allowed, other control characters not. */
const freeText = text.regex(FREE_TEXT, 'must not contain control characters (other than tab and line breaks)');
/** A name or key written by a person that ends up in an object: one line, no control characters, no surrounding whitespace. */
const identifier = text.min(1, 'must not be empty').regex(IDENTIFIER, { error: orPadded('must be one line without control characters') });
const quantity = z.union([z.string().regex(QUANTITY, 'must be a Kubernetes quantity such as 500m, 1, 64Mi or 1Gi'), z.number().nonnegative()]);
const int32 = (min: number) => z.int().min(min).max(INT32_MAX, 'must be at most 2147483647 (a 32-bit integer)');
const port = z.int().min(RANGE.port.min).max(RANGE.port.max);
const seconds = int32(0);
const id = int32(0);
const percent = int32(1);
const intOrPercent = z.union([int32(0), z.string().regex(PERCENT, 'must be a whole number or a percentage from 0% to 100%, such as 50%')]);
const envMap = z.record(envName, freeText);
const stringMap = z.record(z.string().min(1), text);
const qualifiedKey = z
  .string()
  .max(317)
  .regex(QUALIFIED_KEY, 'must be a label or annotation key: an optional DNS prefix and "/", then letters, digits, "-", "_" and "." (at most 63)')
  .refine(isQualifiedNameWithinLimits, { error: (issue) => `is ${qualifiedName(String(issue.input))}` });
const labelMap = z.record(
  qualifiedKey,
  z.string().regex(LABEL_VALUE, 'must be a label value: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit'),
);
const pullPolicy = z.enum(['Always', 'IfNotPresent', 'Never']);
const httpPath = z.string().regex(/^\/[^\u0000-\u0020\u007f]*$/, 'must start with "/" and hold no spaces or control characters');

export const Image = z
  .strictObject({
    registry: z
      .string()
      .regex(IMAGE_REGISTRY, {
        error: (issue) =>
          String(issue.input).includes('://')
            ? 'must be a registry host and path without a URL scheme: drop the "https://"'
            : 'must be a registry host (with an optional port) and repository path, such as asia-east1-docker.pkg.dev/tomoda/repo: lowercase path parts, no tag or digest',
      })
      .optional()
      .describe('Registry and repository path, e.g. asia-east1-docker.pkg.dev/tomoda/tomoda-dev-repo'),
    name: text
      .regex(IMAGE_NAME, {
        error: (issue) =>
          /[:@]/.test(String(issue.input))
            ? 'must be the repository name alone; give the tag in tag and the digest in digest'
            : 'must be a repository name: lowercase letters, digits and "/", ".", "_" or "-" between them',
      })
      .describe('Image name inside the registry, e.g. tomoda-backend'),
    tag: withDefault(
      z.string().regex(IMAGE_TAG, 'must be an image tag: at most 128 letters, digits, "_", "." and "-", not starting with "." or "-"'),
      DEFAULTS.image.tag,
    ),
    digest: z.string().regex(IMAGE_DIGEST, 'must be sha256:, sha384: or sha512: followed by 64, 96 or 128 lowercase hex digits').optional(),
    pullPolicy: pullPolicy.optional().describe('imagePullPolicy for every container of this image (default: Always for :latest, else IfNotPresent)'),
    pullSecrets: z.array(dnsSubdomain).optional().describe('imagePullSecrets of every pod that runs this image'),
  })
  .describe('A container image, declared once per role');

const ProbeTiming = z.strictObject({
  initialDelaySeconds: seconds.optional(),
  periodSeconds: int32(1).optional(),
  timeoutSeconds: int32(1).optional(),
  failureThreshold: int32(1).optional(),
});

// ---- production workload fields (issue 10) ---------------------------------------------------------------
// Probes without HTTP, identity, scheduling, drain, rollouts, reloads, pod metadata, env from references,
// volumes and the per-workload patch escape hatch. The pod-level pieces serve any pod template.
const GCP_SERVICE_ACCOUNT = /^[a-z][-a-z0-9]{4,28}[a-z0-9]@[-a-z0-9.]+\.iam\.gserviceaccount\.com$/;
const annotationMap = z.record(qualifiedKey, freeText);
/** "none" beside a number or an object: the message names both, so a quoted number is not told to be "none". */
const noneOr = (what: string) => z.literal('none', { error: `must be ${what} or "none"` });
const arg = freeText.min(1, 'must not be empty');
const absolutePath = text.regex(/^\/[^\u0000-\u001f\u007f]*$/, 'must be an absolute path: starting with "/", one line');
/** A reference to a Secret or ConfigMap, in the grammar of backend.envFrom. */
const sourceRef = z.string().min(1).describe('secrets.<id>, config, or secret:<name> / configMap:<name> for an object made elsewhere');

// ---- probes ----------------------------------------------------------------------------------------------

export const Probes = z
  .strictObject({
    path: httpPath.optional().describe('HTTP GET on this path of the container port (the default handler)'),
    tcp: z.literal(true).optional().describe('true: a TCP connect to the container port instead of HTTP'),
    grpc: z.strictObject({ service: z.string().optional() }).optional().describe('A gRPC health check on the container port instead of HTTP'),
    exec: z.array(arg).min(1).optional().describe('A command run in the container instead of HTTP, e.g. [/app/healthcheck]'),
    liveness: z
      .union([ProbeTiming, noneOr('a map of probe timings')])
      .optional()
      .describe('"none" leaves the liveness probe out'),
    readiness: z
      .union([ProbeTiming, noneOr('a map of probe timings')])
      .optional()
      .describe('"none" leaves the readiness probe out'),
    startup: ProbeTiming.optional().describe('Rendered only when given'),
  })
  .describe("Probes: one handler (path, tcp, grpc or exec; default HTTP on the role's path) for liveness, readiness and startup");

// ---- identity ---------------------------------------------------------------------------------------------

export const ServiceAccountSpec = z.strictObject({
  gcpServiceAccount: z
    .string()
    .regex(GCP_SERVICE_ACCOUNT, 'must be a GCP service account email such as api@my-project.iam.gserviceaccount.com')
    .optional()
    .describe('GKE Workload Identity: sets iam.gke.io/gcp-service-account'),
  annotations: annotationMap.optional(),
});

export const WorkloadServiceAccount = z
  .strictObject({
    name: dnsSubdomain.optional().describe("Name of this workload's own ServiceAccount. Default: the workload name"),
    shared: dnsSubdomain.optional().describe('Use spec.serviceAccounts.<name> instead of an own account'),
    external: dnsSubdomain.optional().describe('Use a ServiceAccount made elsewhere (not rendered)'),
    ...ServiceAccountSpec.shape,
  })
  .describe(
    "The pod's ServiceAccount: an own one (default), shared (spec.serviceAccounts) or external; the token stays unmounted unless security.automountServiceAccountToken",
  );

// ---- scheduling -------------------------------------------------------------------------------------------

const spreadPolicy = z.enum(['ScheduleAnyway', 'DoNotSchedule', 'none']);

export const Scheduling = z
  .strictObject({
    zoneSpread: spreadPolicy.optional().describe('Spread pods over topology.kubernetes.io/zone. Default ScheduleAnyway at ≥ 2 replicas, else none'),
    nodeSpread: spreadPolicy.optional().describe('Spread pods over kubernetes.io/hostname. Default ScheduleAnyway at ≥ 2 replicas, else none'),
    maxSkew: int32(1).optional().describe('Default 1'),
    zones: z.array(dnsLabel).min(1).optional().describe('Run only in these zones (required node affinity on topology.kubernetes.io/zone)'),
    nodeSelector: labelMap.optional(),
    tolerations: z
      .array(
        z.strictObject({
          key: qualifiedKey.optional(),
          operator: z.enum(['Equal', 'Exists']).optional(),
          value: z.string().optional(),
          effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
          tolerationSeconds: z.int().optional(),
        }),
      )
      .optional(),
    antiAffinity: z.enum(['preferred', 'required']).optional().describe('Keep pods of this workload on different nodes'),
    priorityClassName: dnsSubdomain.optional(),
  })
  .describe("Where pods run; label selectors are filled in from the workload's own selector");

// ---- drain and rollouts -----------------------------------------------------------------------------------

export const PreStop = z
  .strictObject({
    sleepSeconds: z.int().min(1).max(3600).optional().describe('Sleep before SIGTERM (a native sleep action; needs no shell in the image)'),
    exec: z.array(arg).min(1).optional(),
    httpGet: z.strictObject({ path: httpPath }).optional().describe('GET on the container port'),
  })
  .describe('A preStop hook: exactly one of sleepSeconds, exec or httpGet');

export const Rollout = z
  .strictObject({
    maxSurge: intOrPercent.optional().describe('Default 25%'),
    maxUnavailable: intOrPercent.optional().describe('Default 25%'),
    minReadySeconds: int32(0).optional(),
    revisionHistoryLimit: int32(0).optional(),
    progressDeadlineSeconds: int32(1).optional(),
  })
  .describe('RollingUpdate settings of the Deployment');

// ---- env and volumes --------------------------------------------------------------------------------------

const FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.podIP',
  'status.hostIP',
] as const;
const RESOURCE_FIELDS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'] as const;

export const EnvRef = z
  .strictObject({
    from: sourceRef.optional().describe('A Secret or ConfigMap, with key'),
    key: identifier.optional().describe('The key of the Secret or ConfigMap'),
    optional: z.boolean().optional().describe('With from: the pod starts when the key is missing'),
    field: z.enum(FIELD_PATHS).optional().describe('A field of the pod (downward API)'),
    resource: z.enum(RESOURCE_FIELDS).optional().describe('A request or limit of the container, e.g. GOMEMLIMIT from limits.memory'),
    divisor: quantity.optional().describe('With resource: the unit, e.g. 1Mi'),
  })
  .describe('An env value from elsewhere: exactly one of from (with key), field or resource');

export const EnvValue = z.union([freeText, EnvRef]);

export const Volume = z
  .strictObject({
    mountPath: absolutePath,
    readOnly: z.boolean().optional().describe('Default true for Secrets and ConfigMaps, false for emptyDir'),
    subPath: z.string().optional(),
    from: sourceRef.optional().describe('A Secret or ConfigMap, as in envFrom'),
    items: z.record(z.string().min(1), z.string().min(1)).optional().describe('Only these keys, key → file name'),
    emptyDir: z
      .strictObject({ sizeLimit: quantity.optional(), medium: z.enum(['Memory']).optional() })
      .optional()
      .describe('A scratch directory; sizeLimit caps it'),
  })
  .describe('A volume and its mount: exactly one of from or emptyDir');

// ---- escape hatch -----------------------------------------------------------------------------------------

const PATCH_TARGETS = ['Deployment', 'Service', 'NetworkPolicy', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ServiceAccount'] as const;

const JsonPatchOp = z.strictObject({
  op: z.enum(['add', 'remove', 'replace', 'test']),
  path: z.string().regex(/^(\/([^~]|~[01])*)*$/, 'must be a JSON pointer such as /spec/template/spec/hostname'),
  value: z.unknown().optional(),
});

export const Patch = z
  .strictObject({
    target: withDefault(z.enum(PATCH_TARGETS), DEFAULTS.patchTarget).describe("Which of this workload's objects to patch"),
    merge: z.record(z.string(), z.unknown()).optional().describe('A JSON merge patch (RFC 7386): maps merge, lists are replaced, null removes'),
    json: z.array(JsonPatchOp).min(1).optional().describe('A JSON patch (RFC 6902): add, remove, replace, test'),
  })
  .describe('The last resort: a patch on one rendered object, applied inside the function so every check still runs');

// ---- the fields a workload gains (issue 10) -------------------------------------------------------------------------

export const productionFields = {
  serviceAccount: WorkloadServiceAccount.optional(),
  scheduling: Scheduling.optional(),
  preStop: PreStop.optional(),
  rollout: Rollout.optional(),
  reloadOnChange: z.boolean().optional().describe('Restart pods when a Secret or ConfigMap they read changes (Stakater Reloader annotation). Default false'),
  labels: labelMap.optional().describe('Extra labels on the Deployment'),
  annotations: annotationMap.optional().describe('Annotations on the Deployment'),
  podLabels: labelMap.optional().describe('Extra labels on the pods (never on selectors)'),
  podAnnotations: annotationMap.optional(),
  volumes: z.record(dnsLabel, Volume).optional().describe('Volumes keyed by volume name, each with its mount'),
  patches: z.array(Patch).optional().describe('Last resort: patches on the rendered objects (see the README)'),
};

/** Shared defaults on spec.backend for every pool. */
export const sharedProductionFields = {
  serviceAccount: WorkloadServiceAccount.optional().describe('Default for every pool'),
  scheduling: Scheduling.optional().describe('Default for every pool'),
  reloadOnChange: z.boolean().optional().describe('Default for every pool'),
};

export const ServiceAccounts = z.record(dnsSubdomain, ServiceAccountSpec).describe('ServiceAccounts shared by several workloads (serviceAccount.shared)');

const envValues = z.record(envName, EnvValue);

// ---- end of production workload fields -----------------------------------------------------------------

const Resources = z
  .strictObject({
    requests: z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
    limits: z
      .strictObject({
        cpu: quantity.optional(),
        memory: z
          .union([quantity, z.literal('none')])
          .optional()
          .describe('"none" waives the memory limit for this workload'),
      })
      .optional(),
  })
  .describe('Container requests and limits; a memory limit is always set unless waived with limits.memory: none');

export const Security = z
  .strictObject({
    runAsNonRoot: z.boolean().optional().describe('Default true. false breaks Pod Security "restricted" and is reported as a warning'),
    runAsUser: id.optional(),
    runAsGroup: id.optional(),
    fsGroup: id.optional(),
    readOnlyRootFilesystem: z.boolean().optional().describe('Default true'),
    writableTmp: z.boolean().optional().describe('Default true: an emptyDir at /tmp when the root filesystem is read-only'),
    automountServiceAccountToken: z.boolean().optional().describe('Default false'),
  })
  .describe('Pod Security "restricted" is the default; each field here is an explicit, per-workload waiver');

const ScalingRules = z.strictObject({
  stabilizationWindowSeconds: z.int().min(RANGE.stabilizationWindow.min).max(RANGE.stabilizationWindow.max).optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional().describe('Which policy wins when several apply; Disabled stops scaling this way'),
  policies: z
    .array(
      z.strictObject({
        type: z.enum(['Pods', 'Percent']),
        value: int32(1),
        periodSeconds: z.int().min(1).max(1800),
      }),
    )
    .min(1)
    .optional(),
});

const ExternalMetric = z.strictObject({
  metric: text
    .min(1, 'must not be empty')
    .regex(METRIC_NAME, 'must be a metric name: no "/", "%" or control characters')
    .describe('External metric name, e.g. asynq_queue_depth'),
  matchLabels: labelMap.optional(),
  averageValue: quantity.optional().describe('Target per pod (type AverageValue)'),
  value: quantity.optional().describe('Target for the whole metric (type Value)'),
});

export const Autoscaling = z
  .strictObject({
    minReplicas: withDefault(int32(1), DEFAULTS.autoscaling.minReplicas),
    maxReplicas: int32(1),
    cpuUtilization: withDefault(z.union([percent, noneOr('a whole percentage such as 70')]), DEFAULTS.autoscaling.cpuUtilization).describe(
      'Target average CPU utilisation in percent of requests; "none" leaves CPU out',
    ),
    memoryUtilization: withDefault(z.union([percent, noneOr('a whole percentage such as 80')]), DEFAULTS.autoscaling.memoryUtilization).describe(
      'Target average memory utilisation in percent of requests; "none" leaves memory out',
    ),
    scaleDownStabilizationWindowSeconds: z
      .int()
      .min(RANGE.stabilizationWindow.min)
      .max(RANGE.stabilizationWindow.max)
      .optional()
      .describe('Shorthand for behavior.scaleDown.stabilizationWindowSeconds'),
    behavior: z
      .strictObject({ scaleUp: ScalingRules.optional(), scaleDown: ScalingRules.optional() })
      .optional()
      .describe('How fast the HPA scales up and down'),
    external: z.record(dnsLabel, ExternalMetric).optional().describe('External metrics keyed by a name of your choice, e.g. queue-depth'),
  })
  .describe('A HorizontalPodAutoscaler (autoscaling/v2) for this workload; the Deployment then leaves replicas to it');

const DisruptionBudget = z
  .strictObject({
    minAvailable: intOrPercent.optional(),
    maxUnavailable: intOrPercent.optional(),
  })
  .describe('A PodDisruptionBudget; exactly one of minAvailable or maxUnavailable');

const Service = z
  .strictObject({
    name: dns1035Label.optional().describe('Default: <workload>-service'),
    port: port.optional().describe('Default: the container port'),
  })
  .describe('A ClusterIP Service in front of this workload; leave out for none');

// ---- Jobs, scheduled tasks, egress, monitoring and queue-depth scaling ---------------------------------------
// Rules that need more than one field (cron grammar, restartPolicy Always, DNS, HPA beside KEDA) live in rules.ts.

const JOB_NAME_MAX = 63;
/** A CronJob's name: Kubernetes appends an 11-character suffix to name each Job it starts. */
const CRON_JOB_NAME_MAX = 52;
const restartPolicy = z.enum(['Never', 'OnFailure', 'Always']).describe("Never (default) or OnFailure; Always is refused: a Job's pod must end");

const jobFields = {
  command: z.array(identifier).min(1).optional().describe('The container command; default: the image entrypoint'),
  args: z.array(freeText).optional(),
  env: envValues.optional().describe('Added to spec.backend.env; an entry of the same name wins'),
  envFrom: z.array(z.string()).optional().describe("Instead of the pools' envFrom: secrets.<id>, config, secret:<name> or configMap:<name>"),
  resources: Resources.optional().describe('Default: spec.backend.resources'),
  security: Security.optional().describe('Default: spec.backend.security'),
  restartPolicy: withDefault(restartPolicy, DEFAULTS.job.restartPolicy),
  backoffLimit: withDefault(z.int().min(0).max(INT32_MAX), DEFAULTS.job.backoffLimit).describe('Retries before the Job fails'),
  activeDeadlineSeconds: z.int().min(1).max(INT32_MAX).optional().describe('Default 600 for the migration, unset for scheduled tasks'),
  ttlSecondsAfterFinished: z
    .int()
    .min(0)
    .max(INT32_MAX)
    .optional()
    .describe('Delete the finished Job after this long. Default 86400 for a hook migration and for scheduled tasks'),
  // The pod-level fields a Job's pod shares with the pools (no spread, preStop or rollout: a Job runs one pod to its end).
  serviceAccount: WorkloadServiceAccount.optional().describe('Default: spec.backend.serviceAccount'),
  scheduling: Scheduling.optional().describe('Default: spec.backend.scheduling'),
  podLabels: productionFields.podLabels,
  podAnnotations: productionFields.podAnnotations,
  volumes: productionFields.volumes,
};

export const ArgoCdRun = z
  .strictObject({
    hook: z.enum(['PreSync', 'Sync']).optional().describe('Run as an Argo CD hook (default PreSync, unless only syncWave is set)'),
    hookDeletePolicy: withDefault(z.enum(['BeforeHookCreation', 'HookSucceeded', 'HookFailed']), DEFAULTS.migrationHook.hookDeletePolicy),
    syncWave: z
      .int()
      .max(-1, 'must be below 0, so the migration runs before the pools (wave 0)')
      .optional()
      .describe('A wave below 0; the ConfigMap and ExternalSecrets go one wave earlier. Without hook: an ordinary resource in this wave'),
  })
  .describe('How Argo CD orders the migration before the pools roll: a hook (default) or a sync wave; other runners ignore the annotations');

export const Migration = z
  .strictObject({
    name: dnsLabel.max(JOB_NAME_MAX).optional().describe('Job name. Default: <app>-migrate'),
    ...jobFields,
    argocd: ArgoCdRun.optional(),
  })
  .describe("A one-shot Job from the backend image, with the pools' env and envFrom, that runs before the pools roll");

export const CronJob = z
  .strictObject({
    schedule: identifier.describe('Cron expression: minute hour day-of-month month day-of-week, or @hourly, @daily, ...'),
    timeZone: identifier.optional().describe("IANA time zone of the schedule, e.g. Asia/Tokyo. Default: the controller's (UTC on GKE)"),
    concurrencyPolicy: withDefault(z.enum(['Allow', 'Forbid', 'Replace']), DEFAULTS.cronJob.concurrencyPolicy),
    successfulJobsHistoryLimit: withDefault(z.int().min(0).max(INT32_MAX), DEFAULTS.cronJob.successfulJobsHistoryLimit),
    failedJobsHistoryLimit: withDefault(z.int().min(0).max(INT32_MAX), DEFAULTS.cronJob.failedJobsHistoryLimit),
    suspend: withDefault(z.boolean(), DEFAULTS.cronJob.suspend),
    startingDeadlineSeconds: z.int().min(1).optional(),
    ...jobFields,
  })
  .describe("A scheduled task from the backend image, with the pools' env and envFrom");

const cronJobName = dnsLabel.max(CRON_JOB_NAME_MAX, `must be at most ${CRON_JOB_NAME_MAX} characters (Kubernetes adds a suffix to name each Job)`);

const cidr = z.string().refine(isCidr, 'must be a CIDR block such as 10.0.0.0/8 or 2001:db8::/32');

const EgressRule = z
  .strictObject({
    namespace: dnsLabel.optional().describe('Pods in this namespace (e.g. data)'),
    podLabels: labelMap.optional().describe('With namespace: only its pods with these labels'),
    workload: dnsLabel.optional().describe('Another workload of this app (a pool name or the frontend name); port default: its port'),
    cidr: cidr.optional().describe('An IP block outside the cluster, e.g. 0.0.0.0/0 for outside APIs'),
    except: z.array(cidr).optional().describe('With cidr: blocks left out'),
    ports: z.array(port).optional().describe('Default: every port (a workload: its port)'),
    protocol: withDefault(z.enum(['TCP', 'UDP', 'SCTP']), DEFAULTS.egressProtocol),
  })
  .describe('One egress allowance: exactly one of namespace, workload or cidr');

export const Egress = z
  .strictObject({
    to: z.record(dnsLabel, EgressRule).optional().describe('Allowances keyed by a name of your choice'),
    fromConfig: z.boolean().optional().describe('Default true: allow the database and Redis of spec.config when their hosts are in-cluster Service names'),
    dns: z
      .union([
        z.literal(false),
        z.strictObject({
          namespace: dnsLabel.optional().describe('Default kube-system'),
          podLabels: labelMap.optional().describe('Default k8s-app: kube-dns'),
        }),
      ])
      .optional()
      .describe('Where cluster DNS runs (UDP and TCP 53 are always allowed there)'),
  })
  .describe('Deny all egress except DNS and the allowances listed (and, for backend pools, what spec.config names); leave out for unrestricted egress');

export const Monitoring = z
  .strictObject({
    port: port.optional().describe('Metrics port, named metrics; default: the container port (named http)'),
    path: withDefault(z.string().regex(/^\//, 'must start with "/"'), DEFAULTS.metrics.path),
    interval: withDefault(z.string().regex(DURATION, 'must be a duration such as 30s or 1m'), DEFAULTS.metrics.interval),
    podMonitoring: z.boolean().optional().describe('A GKE Managed Prometheus PodMonitoring (monitoring.googleapis.com/v1)'),
    podMonitor: z.boolean().optional().describe('A prometheus-operator PodMonitor (monitoring.coreos.com/v1)'),
    serviceMonitor: z.boolean().optional().describe("A prometheus-operator ServiceMonitor; needs the workload's Service"),
  })
  .describe('Metrics scraping for this workload; choose at least one of podMonitoring, podMonitor, serviceMonitor');

export const Keda = z
  .strictObject({
    minReplicas: withDefault(z.int().min(0).max(INT32_MAX), DEFAULTS.keda.minReplicas).describe('0 lets the pool sleep while the queue is empty'),
    maxReplicas: z.int().min(1).max(INT32_MAX),
    queues: z
      .array(
        z
          .string()
          .min(1)
          .regex(/^[^{}\s]+$/, 'must be an Asynq queue name (no braces or spaces)'),
      )
      .min(1)
      .optional()
      .describe('Asynq queues whose pending lists are measured. Default [default]'),
    listLength: withDefault(z.int().min(1), DEFAULTS.keda.listLength).describe('Target pending tasks per replica'),
    activationListLength: z.int().min(0).optional(),
    pollingInterval: z.int().min(1).optional().describe('Seconds. KEDA default 30'),
    cooldownPeriod: z.int().min(0).optional().describe('Seconds. KEDA default 300'),
    passwordFrom: z
      .strictObject({
        secret: identifier.describe('secrets.<id> of this app, or secret:<name> for one made elsewhere'),
        key: withDefault(envName, DEFAULTS.keda.passwordKey),
      })
      .optional()
      .describe('The Redis password, read by KEDA through a TriggerAuthentication'),
    enableTLS: z.boolean().optional(),
  })
  .describe('A KEDA ScaledObject (keda.sh/v1alpha1) scaling on the Asynq queue length in spec.config.redis; replaces autoscaling');
// ---- end of the jobs, egress, monitoring and queue-depth section ------------------------------------------------

const workloadFields = {
  port: z
    .union([port, noneOr('a port number from 1 to 65535')])
    .optional()
    .describe('Container port, named http; "none" for a worker that serves nothing'),
  replicas: int32(0).optional().describe('Used only without autoscaling'),
  resources: Resources.optional(),
  probes: z
    .union([Probes, noneOr('a map of probe settings')])
    .optional()
    .describe('"none": no probes at all'),
  env: envValues.optional().describe('Inline environment, rendered in key order: a string, {from, key}, {field} or {resource}'),
  imagePullPolicy: pullPolicy.optional(),
  service: Service.optional(),
  ingressFrom: z.array(dnsLabel).optional().describe('Namespaces allowed to reach the container port; empty means default-deny'),
  autoscaling: Autoscaling.optional(),
  disruptionBudget: DisruptionBudget.optional(),
  security: Security.optional(),
  terminationGracePeriodSeconds: z.int().min(0).optional().describe('An int64 in the API. Default 30 (Kubernetes); must be longer than preStop.sleepSeconds'),
  egress: Egress.optional(),
  monitoring: Monitoring.optional(),
  ...productionFields,
};

export const Pool = z
  .strictObject({
    mode: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: orPadded('must be a SERVER_MODE value such as multi-hub or async') })
      .describe('SERVER_MODE of this pool'),
    ...workloadFields,
    keda: Keda.optional(),
  })
  .describe('One Deployment of the backend image');

export const Backend = z.strictObject({
  image: Image,
  env: envValues.optional().describe('Shared by every pool; a pool env entry of the same name wins'),
  envFrom: z
    .array(z.string())
    .optional()
    .describe(
      'Order of envFrom sources: secrets.<id>, config, or secret:<name> / configMap:<name> for objects made elsewhere. Default: every secret, then config',
    ),
  probes: Probes.optional(),
  resources: Resources.optional(),
  security: Security.optional(),
  imagePullPolicy: pullPolicy.optional(),
  ...sharedProductionFields,
  pools: z.record(dnsLabel, Pool).describe('Backend pools keyed by Deployment name'),
  migration: Migration.optional(),
  cronJobs: z.record(cronJobName, CronJob).optional().describe('Scheduled tasks keyed by CronJob name'),
});

export const Frontend = z.strictObject({
  name: withDefault(dnsLabel, DEFAULTS.frontendName),
  image: Image,
  ...workloadFields,
});

const Route = z.strictObject({
  host: ingressHost,
  to: dnsLabel.describe('The workload (a pool name or the frontend name) whose Service serves this route'),
  path: withDefault(httpPath, DEFAULTS.ingress.path),
  pathType: withDefault(z.enum(['Prefix', 'Exact', 'ImplementationSpecific']), DEFAULTS.ingress.pathType),
});

export const Ingress = z.strictObject({
  name: dnsSubdomain.optional().describe('Default: <app>-ingress'),
  className: withDefault(dnsSubdomain, DEFAULTS.ingress.className).describe('The IngressClass (a DNS-1123 subdomain)'),
  clusterIssuer: dnsSubdomain.optional().describe('cert-manager ClusterIssuer for the TLS certificate'),
  tlsSecretName: dnsSubdomain.optional(),
  annotations: z.record(qualifiedKey, freeText).optional(),
  routes: z.record(dnsLabel, Route).describe('Routes keyed by a name of your choice, so an overlay can change one'),
});

const SecretStore = z.strictObject({
  kind: withDefault(z.enum(['ClusterSecretStore', 'SecretStore']), DEFAULTS.secret.storeKind),
  name: dnsSubdomain,
});

export const Secret = z
  .strictObject({
    name: dnsSubdomain.optional().describe('Name of the ExternalSecret and the Secret it writes. Default: the key'),
    store: SecretStore,
    refreshInterval: withDefault(z.string().regex(DURATION, 'must be a duration such as 1h or 30m'), DEFAULTS.secret.refreshInterval),
    gcp: z
      .strictObject({ keys: z.record(envName, identifier).describe('Secret key (env name) → GCP Secret Manager secret name') })
      .optional()
      .describe('GCP Secret Manager: one remote secret per key'),
    aws: z
      .strictObject({
        key: identifier.describe('AWS Secrets Manager secret holding a JSON object'),
        properties: z.record(envName, identifier).describe('Secret key (env name) → JSON property'),
      })
      .optional()
      .describe('AWS Secrets Manager: one JSON secret split into properties'),
  })
  .describe('An ExternalSecret (external-secrets.io/v1); exactly one of gcp or aws');

export const RuntimeConfig = z
  .strictObject({
    name: dnsSubdomain.optional().describe('Default: backend-config-<environment>'),
    env: identifier.optional().describe('ENV; default: spec.environment'),
    database: z
      .strictObject({
        host: host.describe('A Service name (postgres), a DNS name or an IP address'),
        port: withDefault(port, DEFAULTS.database.port),
        user: identifier,
        name: identifier,
        sslMode: withDefault(z.enum(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']), DEFAULTS.database.sslMode),
      })
      .optional(),
    redis: z
      .strictObject({ host: host.describe('A Service name (redis), a DNS name or an IP address'), port: withDefault(port, DEFAULTS.redis.port) })
      .optional(),
    webauthnRpId: dnsSubdomain
      .refine(isNotIpAddress, 'is an IP address; a WebAuthn relying party ID is a domain')
      .optional()
      .describe('The WebAuthn relying party ID: a domain such as example.com, or localhost'),
    frontendUrl: z
      .string()
      .refine(isHttpUrl, 'must be an absolute http or https URL such as https://app.example.com')
      .meta({ pattern: HTTP_URL.source })
      .optional()
      .describe('The frontend origin (WebAuthn) and link base, written out in full'),
    extra: envMap.optional().describe('More non-secret keys'),
  })
  .describe('Non-secret runtime configuration, rendered as one ConfigMap');

export const Spec = z.strictObject({
  environment: withDefault(dnsLabel, DEFAULTS.environment).describe('ENV value and default name suffix'),
  namespace: dnsLabel.optional().describe('Namespace of every generated object; leave out to let kustomize set it'),
  labels: labelMap.optional().describe('Extra labels on every generated object (not on selectors); app and app.kubernetes.io/* are set by the function'),
  backend: Backend,
  frontend: Frontend.optional(),
  ingress: Ingress.optional(),
  secrets: z.record(dnsSubdomain, Secret).optional().describe('ExternalSecrets keyed by id; envFrom refers to them as secrets.<id>'),
  serviceAccounts: ServiceAccounts.optional(),
  config: RuntimeConfig.optional(),
});

export const TomodaApp = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal(KIND),
  metadata: z.looseObject({
    name: dnsLabel,
    namespace: dnsLabel.optional(),
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
  }),
  spec: Spec,
});

export type TomodaApp = z.output<typeof TomodaApp>;
export type Pool = z.infer<typeof Pool>;
export type Frontend = z.infer<typeof Frontend>;
export type Image = z.infer<typeof Image>;
export type Probes = z.infer<typeof Probes>;
export type Security = z.infer<typeof Security>;
export type Autoscaling = z.infer<typeof Autoscaling>;
export type Secret = z.infer<typeof Secret>;
export type RuntimeConfig = z.infer<typeof RuntimeConfig>;
export type Ingress = z.infer<typeof Ingress>;
export type Migration = z.infer<typeof Migration>;
export type CronJob = z.infer<typeof CronJob>;
export type Egress = z.infer<typeof Egress>;
export type Monitoring = z.infer<typeof Monitoring>;
export type Keda = z.infer<typeof Keda>;
export type ProbeTimingInput = z.infer<typeof ProbeTiming>;
export type ProbesInput = z.infer<typeof Probes>;
export type WorkloadServiceAccountInput = z.infer<typeof WorkloadServiceAccount>;
export type SchedulingInput = z.infer<typeof Scheduling>;
export type PreStopInput = z.infer<typeof PreStop>;
export type RolloutInput = z.infer<typeof Rollout>;
export type EnvValueInput = z.infer<typeof EnvValue>;
export type VolumeInput = z.infer<typeof Volume>;
export type PatchInput = z.infer<typeof Patch>;
export type ServiceAccountSpecInput = z.infer<typeof ServiceAccountSpec>;

// Cross-field rules: what a single field's schema cannot see. Each rule returns results with field paths.
import { error, formatPath, warning, type Path, type Result } from '../results.js';
import { parseSourceRef, sortedEntries, TYPED_CONFIG_KEYS, type EnvFromEntry, type EnvSource, type Job, type Model, type Pod, type Workload } from './model.js';
import { graceSeconds, preStopSeconds } from './pod-model.js';
import { LABEL } from '../constants.js';
import { ingressPathProblem } from '../k8s/ingress.js';
import { isZero } from '../k8s/int-or-percent.js';
import { sleepFitsGrace } from '../k8s/pod.js';
import { dns1035Label, dns1123Subdomain } from '../k8s/names.js';
import { hpaBoundsProblem } from '../k8s/numbers.js';
import { compareQuantities } from '../k8s/quantity.js';
import { MAX_IMAGE_NAME, repositoryOf } from '../k8s/image.js';
import type { CronJob, Frontend, Image, Migration, Pool, Probes, TomodaApp, WorkloadServiceAccountInput } from './schema.js';
import { nearest } from './suggest.js';
import { strictlyInside } from '../k8s/cidr.js';
import { cronProblem, timeZoneProblem } from '../k8s/cron.js';

/** The rules read the raw config only for what the model cannot show (a key given at all); every default comes from the model. */
export function checkRules(app: TomodaApp, model: Model): Result[] {
  return [
    ...checkNames(app, model),
    ...checkImages(app),
    ...checkIngressNames(model),
    ...checkLabels(app),
    ...checkEnv(app),
    ...checkEnvFrom(model),
    ...checkSecrets(app),
    ...checkConfig(app),
    ...checkRoutes(model),
    ...model.workloads.flatMap(checkWorkload),
    ...checkJobsEgressScaling(app, model),
    ...checkProduction(app, model),
  ];
}

function checkNames(app: TomodaApp, model: Model): Result[] {
  const results: Result[] = [];
  const { workloads } = model;
  const frontend = workloads.find((w) => w.role === 'frontend');
  if (frontend && app.spec.backend.pools[frontend.name]) {
    results.push(
      error('duplicate-name', ['spec', 'frontend', 'name'], `"${frontend.name}" is already the name of a backend pool; workload names must be unique`),
    );
  }
  if (Object.keys(app.spec.backend.pools).length === 0) {
    results.push(error('required', ['spec', 'backend', 'pools'], 'needs at least one pool, e.g. api: {mode: multi-hub}'));
  }
  const services = new Map<string, Workload>();
  for (const workload of workloads) {
    if (!workload.service) continue;
    // An explicit name is checked by the schema; the default <workload>-service can still be too long or start with a digit.
    if (dns1035Label(workload.service.name)) {
      results.push(
        error(
          'invalid-name',
          [...workload.path, 'service', 'name'],
          `the default Service name "${workload.service.name}" is not a DNS-1035 label (at most 63 characters, starting with a letter); set service.name`,
        ),
      );
      continue;
    }
    const owner = services.get(workload.service.name);
    if (owner)
      results.push(error('duplicate-name', [...workload.path, 'service', 'name'], `Service "${workload.service.name}" is already used by ${owner.name}`));
    else services.set(workload.service.name, workload);
  }
  const secretNames = new Map<string, string>();
  for (const { id, name, path } of model.secrets) {
    const owner = secretNames.get(name);
    if (owner) results.push(error('duplicate-name', [...path, 'name'], `Secret "${name}" is already written by secrets.${owner}`));
    else secretNames.set(name, id);
  }
  return results;
}

/** The repository name (registry and path) is at most 255 characters for every runtime. */
function checkImages(app: TomodaApp): Result[] {
  const images: Array<[Path, Image]> = [
    [['spec', 'backend', 'image'], app.spec.backend.image],
    ...(app.spec.frontend ? [[['spec', 'frontend', 'image'], app.spec.frontend.image] as [Path, Image]] : []),
  ];
  return images.flatMap(([path, image]) => {
    const repository = repositoryOf(image);
    return repository.length > MAX_IMAGE_NAME
      ? [
          error(
            'out-of-range',
            [...path, 'name'],
            `the repository "${repository.slice(0, 40)}…" is ${repository.length} characters long; an image name is at most ${MAX_IMAGE_NAME}`,
          ),
        ]
      : [];
  });
}

/** The default TLS Secret name (<ingress>-tls) can outgrow a Secret name where the Ingress name is long. */
function checkIngressNames(model: Model): Result[] {
  const tls = model.ingress?.tlsSecretName;
  const problem = tls === undefined ? undefined : dns1123Subdomain(tls);
  return problem ? [error('invalid-name', ['spec', 'ingress', 'tlsSecretName'], `the default TLS Secret name "${tls}" is ${problem}; set tlsSecretName`)] : [];
}

/** The selector label and the app.kubernetes.io/* labels are the function's: they select pods and mark what it owns. */
function checkLabels(app: TomodaApp): Result[] {
  return reservedLabels(app.spec.labels, ['spec', 'labels']);
}

function reservedLabels(labels: Record<string, string> | undefined, path: Path): Result[] {
  return Object.keys(labels ?? {})
    .filter((key) => key === LABEL.app || key.startsWith('app.kubernetes.io/'))
    .map((key) => error('reserved-label', [...path, key], `is set by the function on every object it generates (selectors and ownership); use another key`));
}

function checkEnv(app: TomodaApp): Result[] {
  const { backend } = app.spec;
  const places: Array<[Path, Record<string, unknown> | undefined]> = [
    [['spec', 'backend', 'env'], backend.env],
    ...sortedEntries(backend.pools).map(([name, pool]): [Path, Record<string, unknown> | undefined] => [['spec', 'backend', 'pools', name, 'env'], pool.env]),
  ];
  return places.flatMap(([path, env]) =>
    env && 'SERVER_MODE' in env ? [error('reserved-env', [...path, 'SERVER_MODE'], "is set from the pool's mode; set mode instead")] : [],
  );
}

function checkEnvFrom(model: Model, entries: EnvFromEntry[] = model.envFrom): Result[] {
  const seen = new Set<string>();
  return entries.flatMap(({ entry, path, source }) => {
    if (seen.has(entry)) return [error('duplicate-entry', path, `"${entry}" is listed twice`)];
    seen.add(entry);
    return checkSourceRef(model, entry, path, source);
  });
}

/** A reference to a Secret or ConfigMap (`secrets.<id>`, `config`, `secret:<name>`, `configMap:<name>`): envFrom, env, volumes. */
function checkSourceRef(model: Model, entry: string, path: Path, source: Omit<EnvSource, 'path'> | undefined = parseSourceRef(model, entry)): Result[] {
  if (source && !source.rendered && dns1123Subdomain(source.name)) {
    return [
      error(
        'invalid-name',
        path,
        `"${source.name}" is not a ${source.kind === 'secret' ? 'Secret' : 'ConfigMap'} name (a DNS-1123 subdomain: lowercase letters, digits, "-" and ".")`,
      ),
    ];
  }
  if (source) return [];
  const known = [...model.secrets.map((secret) => `secrets.${secret.id}`), ...(model.configMap ? ['config'] : [])];
  const guess = nearest(entry, known);
  const hint = guess ? `did you mean "${guess}"?` : 'use secrets.<id>, config, or secret:<name> / configMap:<name> for an object made elsewhere';
  return [error('unknown-reference', path, `"${entry}" names no secret or config of this app; ${hint}`)];
}

function checkSecrets(app: TomodaApp): Result[] {
  return sortedEntries(app.spec.secrets ?? {}).flatMap(([id, secret]) => {
    const path: Path = ['spec', 'secrets', id];
    if (secret.gcp && secret.aws) return [error('one-provider', path, 'has both gcp and aws; an ExternalSecret reads one provider, so split it in two')];
    if (!secret.gcp && !secret.aws) return [error('one-provider', path, 'needs a provider: gcp (keys) or aws (key and properties)')];
    const keys = secret.gcp?.keys ?? secret.aws?.properties ?? {};
    if (Object.keys(keys).length === 0)
      return [error('required', [...path, secret.gcp ? 'gcp' : 'aws', secret.gcp ? 'keys' : 'properties'], 'needs at least one entry')];
    return [];
  });
}

function checkConfig(app: TomodaApp): Result[] {
  const extra = app.spec.config?.extra ?? {};
  const typed = new Set<string>(TYPED_CONFIG_KEYS);
  const collisions = Object.keys(extra).filter((key) => typed.has(key));
  return collisions.map((key) =>
    error('duplicate-key', ['spec', 'config', 'extra', key], `${key} is already set from a typed field of spec.config; set it there instead`),
  );
}

function checkRoutes(model: Model): Result[] {
  const { ingress } = model;
  if (!ingress) return [];
  if (ingress.routes.length === 0)
    return [error('required', ['spec', 'ingress', 'routes'], 'needs at least one route, e.g. api: {host: api.example.com, to: api}')];
  const byName = new Map(model.workloads.map((w) => [w.name, w]));
  const seen = new Map<string, string>();
  return ingress.routes.flatMap((route) => {
    const { id, path } = route;
    const target = byName.get(route.to);
    const key = `${route.host}${route.httpPath}`;
    const clash = seen.get(key);
    seen.set(key, id);
    if (clash) return [error('duplicate-route', [...path, 'path'], `${route.host}${route.httpPath} is already routed by routes.${clash}`)];
    const badPath = ingressPathProblem(route.httpPath, route.pathType);
    if (badPath) return [error('invalid-path', [...path, 'path'], `${badPath}; Kubernetes rejects such an Ingress`)];
    if (!target) {
      const guess = nearest(route.to, [...byName.keys()]);
      return [error('unknown-reference', [...path, 'to'], `"${route.to}" is not a workload of this app${guess ? `; did you mean "${guess}"?` : ''}`)];
    }
    if (!target.service) {
      return [
        error('no-service', [...path, 'to'], `${route.to} has no Service to route to; add service: {port: ${target.port}} to ${formatWorkloadPath(target)}`),
      ];
    }
    return [];
  });
}

function checkWorkload(workload: Workload): Result[] {
  return [...checkAutoscaling(workload), ...checkResources(workload), ...checkDisruptionBudget(workload), ...checkSecurity(workload)];
}

function checkAutoscaling(workload: Workload): Result[] {
  const hpa = workload.autoscaling;
  if (!hpa) return [];
  const path: Path = [...workload.path, 'autoscaling'];
  const results: Result[] = [];
  const bounds = hpaBoundsProblem(hpa.minReplicas, hpa.maxReplicas);
  if (bounds) results.push(error('hpa-bounds', [...path, 'minReplicas'], `${bounds}; lower minReplicas or raise maxReplicas`));
  for (const metric of hpa.external) {
    if ((metric.averageValue === undefined) === (metric.value === undefined)) {
      results.push(error('one-target', [...path, 'external', metric.id], 'needs exactly one target: averageValue (per pod) or value (whole metric)'));
    }
  }
  return results;
}

function checkResources(workload: Workload): Result[] {
  const { requests, limits } = workload.resources;
  return (['cpu', 'memory'] as const).flatMap((resource) => {
    const request = requests[resource];
    const limit = limits[resource];
    if (request === undefined || limit === undefined) return [];
    if (compareQuantities(request, limit) !== 1) return [];
    return [
      error(
        'request-above-limit',
        [...workload.path, 'resources', 'requests', resource],
        `request ${String(request)} is above the limit ${String(limit)}; Kubernetes rejects such a pod`,
      ),
    ];
  });
}

function checkDisruptionBudget(workload: Workload): Result[] {
  const pdb = workload.disruptionBudget;
  if (!pdb) return [];
  const path: Path = [...workload.path, 'disruptionBudget'];
  if ((pdb.minAvailable === undefined) === (pdb.maxUnavailable === undefined)) {
    return [error('one-bound', path, 'needs exactly one of minAvailable or maxUnavailable')];
  }
  if (!pdb.blocksDrain) return [];
  const pods = workload.minReplicas;
  const bound = pdb.minAvailable !== undefined ? `minAvailable ${pdb.minAvailable}` : `maxUnavailable ${pdb.maxUnavailable}`;
  return [
    warning(
      'pdb-blocks-drain',
      path,
      `${bound} at ${pods} replica${pods === 1 ? '' : 's'} allows no voluntary eviction, so node drains and upgrades block; ${
        pdb.minAvailable !== undefined ? 'raise the minimum replicas or lower minAvailable' : 'set maxUnavailable to 1 or more'
      }`,
    ),
  ];
}

function checkSecurity(workload: Workload): Result[] {
  const path: Path = [...workload.path, 'security'];
  const results: Result[] = [];
  if (!workload.security.runAsNonRoot) {
    results.push(warning('not-restricted', [...path, 'runAsNonRoot'], 'false breaks Pod Security "restricted"; namespaces that enforce it reject this pod'));
  }
  if (workload.security.runAsUser === 0) {
    results.push(
      workload.security.runAsNonRoot
        ? error(
            'root-user',
            [...path, 'runAsUser'],
            '0 (root) contradicts runAsNonRoot, so the kubelet would refuse to start the pod; pick a non-zero user or waive runAsNonRoot',
          )
        : warning('not-restricted', [...path, 'runAsUser'], '0 (root) breaks Pod Security "restricted"'),
    );
  }
  return results;
}

const formatWorkloadPath = (workload: Workload): string => workload.path.join('.');

// ---- Jobs, scheduled tasks, egress, monitoring and queue-depth scaling ---------------------------------------

function checkJobsEgressScaling(app: TomodaApp, model: Model): Result[] {
  const jobs = jobsOf(model);
  return [
    ...checkPodNames(model, jobs),
    ...jobs.flatMap(checkJob),
    ...jobs.flatMap((job) => (job.envFromEntries ? checkEnvFrom(model, job.envFromEntries) : [])),
    ...checkMigrationOrdering(app),
    ...model.workloads.flatMap((w) => [...checkEgress(app, w, model.workloads), ...checkMonitoring(w), ...checkKeda(app, model, w)]),
  ];
}

/** Pods are labelled app: <name>, so a Job named like a workload would be selected by its Service and policies. */
function checkPodNames(model: Model, jobs: Job[]): Result[] {
  const owners = new Map(model.workloads.map((w) => [w.name, formatWorkloadPath(w)]));
  return jobs.flatMap((job) => {
    const owner = owners.get(job.name);
    owners.set(job.name, formatPath(job.path));
    if (!owner) return [];
    const path: Path = job.role === 'migration' ? [...job.path, 'name'] : job.path;
    return [
      error(
        'duplicate-name',
        path,
        `"${job.name}" is already the name of ${owner}; the pods share the label app: ${job.name}, so Services and policies would select both; rename one`,
      ),
    ];
  });
}

function checkJob(job: Job): Result[] {
  const results: Result[] = [];
  if (job.restartPolicy === 'Always') {
    results.push(
      error(
        'job-restart-always',
        [...job.path, 'restartPolicy'],
        'Always is refused for a Job, whose pod must end; use Never (a new pod per retry, up to backoffLimit) or OnFailure (the container restarts in place)',
      ),
    );
  }
  const schedule = job.schedule;
  if (schedule) {
    const problem = cronProblem(schedule.schedule);
    if (problem) results.push(error('invalid-cron', [...job.path, 'schedule'], `"${schedule.schedule}" is not a cron expression: ${problem}`));
    const zoneProblem = schedule.timeZone !== undefined ? timeZoneProblem(schedule.timeZone) : undefined;
    if (zoneProblem) results.push(error('invalid-time-zone', [...job.path, 'timeZone'], `"${schedule.timeZone}" ${zoneProblem}`));
  }
  return results;
}

function checkMigrationOrdering(app: TomodaApp): Result[] {
  const migration = app.spec.backend.migration;
  const argocd = migration?.argocd;
  if (!argocd) return [];
  const path: Path = ['spec', 'backend', 'migration', 'argocd'];
  if (argocd.hook === 'Sync' && argocd.syncWave === undefined) {
    return [
      error('required', [...path, 'syncWave'], 'is needed with hook: Sync, or the migration runs beside the pools instead of before them; set syncWave: -1'),
    ];
  }
  if (argocd.syncWave !== undefined && argocd.hook === undefined && argocd.hookDeletePolicy === undefined && migration.ttlSecondsAfterFinished !== undefined) {
    return [
      warning(
        'wave-job-ttl',
        ['spec', 'backend', 'migration', 'ttlSecondsAfterFinished'],
        'deletes a sync-wave Job once it has finished, so Argo CD finds it missing and runs the migration again on the next sync; leave it out or use a hook',
      ),
    ];
  }
  return [];
}

function checkEgress(app: TomodaApp, workload: Workload, workloads: Workload[]): Result[] {
  const egress = workload.egress;
  if (!egress) return [];
  const own = workload.role === 'backend' ? app.spec.backend.pools[workload.name]?.egress : app.spec.frontend?.egress;
  const path: Path = [...workload.path, 'egress'];
  const results: Result[] = [];
  if (egress.dns === false) {
    results.push(
      error(
        'egress-blocks-dns',
        [...path, 'dns'],
        'false would block DNS: with egress denied the pod could resolve no name, so every allowance would fail too; leave dns out (UDP and TCP 53 to kube-dns in kube-system are always kept) or say where cluster DNS runs: {namespace, podLabels}',
      ),
    );
  } else if (egress.dns.podLabels && Object.keys(egress.dns.podLabels).length === 0) {
    results.push(error('egress-blocks-dns', [...path, 'dns', 'podLabels'], 'is empty; name the labels of the DNS pods (k8s-app: kube-dns by default)'));
  }
  for (const [name, rule] of sortedEntries(own?.to ?? {})) {
    const rulePath: Path = [...path, 'to', name];
    const targets = [rule.namespace, rule.workload, rule.cidr].filter((t) => t !== undefined).length;
    if (targets !== 1) {
      results.push(error('one-target', rulePath, 'needs exactly one of namespace (e.g. data), workload (a workload of this app) or cidr (e.g. 0.0.0.0/0)'));
      continue;
    }
    if (rule.podLabels && rule.namespace === undefined)
      results.push(error('invalid-combination', [...rulePath, 'podLabels'], 'narrows a namespace; add namespace or remove podLabels'));
    if (rule.except && rule.cidr === undefined)
      results.push(error('invalid-combination', [...rulePath, 'except'], 'narrows a cidr; add cidr or remove except'));
    if (rule.cidr !== undefined) results.push(...checkCidr(rulePath, rule.cidr, rule.except ?? []));
    if (rule.workload !== undefined) {
      const known = workloads.map((w) => w.name);
      const target = workloads.find((w) => w.name === rule.workload);
      if (rule.workload === workload.name)
        results.push(error('self-reference', [...rulePath, 'workload'], 'names this workload itself; traffic inside a pod needs no policy'));
      else if (target && target.port === undefined && !rule.ports?.length) {
        results.push(error('no-port', [...rulePath, 'ports'], `are required: ${rule.workload} serves no port (port: none), so name the ports to allow`));
      } else if (!known.includes(rule.workload)) {
        const guess = nearest(rule.workload, known);
        results.push(
          error('unknown-reference', [...rulePath, 'workload'], `"${rule.workload}" is not a workload of this app${guess ? `; did you mean "${guess}"?` : ''}`),
        );
      }
    }
  }
  return results;
}

/** The schema checked each block; Kubernetes also wants every except block strictly inside the cidr. */
function checkCidr(path: Path, cidr: string, except: string[]): Result[] {
  return except.flatMap((block, i) =>
    strictlyInside(block, cidr)
      ? []
      : [error('invalid-value', [...path, 'except', i], `${block} is not strictly inside ${cidr}; Kubernetes rejects the policy`)],
  );
}

function checkMonitoring(workload: Workload): Result[] {
  const monitoring = workload.monitoring;
  if (!monitoring) return [];
  const path: Path = [...workload.path, 'monitoring'];
  if (!monitoring.podMonitoring && !monitoring.podMonitor && !monitoring.serviceMonitor) {
    return [
      error(
        'required',
        path,
        'chooses no scraper; set podMonitoring: true (GKE Managed Prometheus), podMonitor: true or serviceMonitor: true (prometheus-operator)',
      ),
    ];
  }
  if (monitoring.serviceMonitor && !workload.service) {
    return [
      error(
        'no-service',
        [...path, 'serviceMonitor'],
        `scrapes through the workload's Service, and ${formatWorkloadPath(workload)} has none; add service: {port: ${workload.port ?? monitoring.port}} or use podMonitor`,
      ),
    ];
  }
  return [];
}

function checkKeda(app: TomodaApp, model: Model, workload: Workload): Result[] {
  const keda = workload.keda;
  if (!keda) return [];
  const path: Path = [...workload.path, 'keda'];
  const results: Result[] = [];
  if (workload.autoscaling) {
    results.push(
      error(
        'hpa-and-scaledobject',
        path,
        'and autoscaling both scale this pool: KEDA makes its own HorizontalPodAutoscaler from the ScaledObject, and two would fight over replicas; keep one (remove autoscaling to scale on queue depth)',
      ),
    );
  }
  if (keda.minReplicas > keda.maxReplicas)
    results.push(error('hpa-bounds', [...path, 'minReplicas'], `${keda.minReplicas} is above maxReplicas ${keda.maxReplicas}; lower it or raise maxReplicas`));
  if (!keda.address)
    results.push(error('required', path, 'reads the queue length from Redis, and spec.config.redis is not set; add spec.config.redis: {host, port}'));
  const from = app.spec.backend.pools[workload.name]?.keda?.passwordFrom;
  if (from && !keda.password) {
    const known = model.secrets.map((secret) => `secrets.${secret.id}`);
    const guess = nearest(from.secret, known);
    results.push(
      error(
        'unknown-reference',
        [...path, 'passwordFrom', 'secret'],
        `"${from.secret}" names no secret; use secrets.<id> or secret:<name>${guess ? `; did you mean "${guess}"?` : ''}`,
      ),
    );
  } else if (keda.password && from?.secret.startsWith('secrets.')) {
    const secret = model.secrets.find((s) => `secrets.${s.id}` === from.secret);
    const keys = secret?.data.map((d) => d.secretKey) ?? [];
    if (!keys.includes(keda.password.key)) {
      results.push(
        error(
          'unknown-reference',
          [...path, 'passwordFrom', 'key'],
          `${keda.password.key} is not a key of ${from.secret}${keys.length ? ` (it has ${keys.join(', ')})` : ''}`,
        ),
      );
    }
  }
  return results;
}
// ---- end of the jobs, egress, monitoring and queue-depth section ------------------------------------------------

// ---- production workload fields (issue 10) ---------------------------------------------------------------

type RawWorkload = Pool | Frontend;

/** The workload's own config, as written: some rules are about what was said, not what it resolved to. */
const rawWorkload = (app: TomodaApp, workload: Workload): RawWorkload =>
  workload.role === 'frontend' ? app.spec.frontend! : app.spec.backend.pools[workload.name]!;

const jobsOf = (model: Model): Job[] => [...(model.migration ? [model.migration] : []), ...model.cronJobs];

/** A Job's own config, as written: the migration, or the scheduled task of its name. */
const rawJob = (app: TomodaApp, job: Job): Migration | CronJob =>
  job.role === 'migration' ? app.spec.backend.migration! : app.spec.backend.cronJobs![job.name]!;

function checkProduction(app: TomodaApp, model: Model): Result[] {
  return [
    ...checkServiceAccounts(app, model),
    ...checkProbeHandlers(app.spec.backend.probes, ['spec', 'backend', 'probes']),
    ...model.workloads.flatMap((workload) => {
      const raw = rawWorkload(app, workload);
      return [
        ...checkPort(workload, raw),
        ...checkProbeHandlers(raw.probes === 'none' ? undefined : raw.probes, [...workload.path, 'probes']),
        ...checkHpaMetrics(workload, raw),
        ...checkPreStopShape(raw, workload.path),
        ...checkDrain(workload),
        ...checkRollout(workload),
        ...checkSpread(workload),
        ...reservedLabels(raw.labels, [...workload.path, 'labels']),
        ...reservedLabels(raw.podLabels, [...workload.path, 'podLabels']),
        ...checkEnvRefs(model, raw.env, [...workload.path, 'env']),
        ...checkVolumes(model, workload, raw.volumes),
        ...checkPatches(workload, raw),
      ];
    }),
    ...checkEnvRefs(model, app.spec.backend.env, ['spec', 'backend', 'env']),
    // The migration and the scheduled tasks: the pod-level fields they share with the pools, by the same rules.
    ...jobsOf(model).flatMap((job) => {
      const raw = rawJob(app, job);
      return [
        ...reservedLabels(raw.podLabels, [...job.path, 'podLabels']),
        ...checkEnvRefs(model, raw.env, [...job.path, 'env']),
        ...checkVolumes(model, job, raw.volumes),
      ];
    }),
  ];
}

/** Without a container port, nothing can reach the pods and no probe but exec can run. */
function checkPort(workload: Workload, raw: RawWorkload): Result[] {
  if (workload.port !== undefined) return [];
  const results: Result[] = [];
  const fix = (field: string): string => `give ${workload.path.join('.')} a port, or remove ${field}`;
  if (raw.service) results.push(error('no-port', [...workload.path, 'service'], `needs a container port to target, but port is none; ${fix('service')}`));
  if (workload.ingressFrom.length)
    results.push(error('no-port', [...workload.path, 'ingressFrom'], `admits traffic to a container port, but port is none; ${fix('ingressFrom')}`));
  if (workload.probes && workload.probes.handler.kind !== 'exec') {
    results.push(
      error(
        'no-port',
        [...workload.path, 'probes'],
        `${workload.probes.handler.kind} probes need a container port, but port is none; use probes.exec or probes: none`,
      ),
    );
  }
  if (raw.monitoring && raw.monitoring.port === undefined) {
    results.push(
      error('no-port', [...workload.path, 'monitoring', 'port'], 'is required when port is none: name the port the metrics are served on (e.g. 9090)'),
    );
  }
  if (workload.pod.preStop && 'httpGet' in workload.pod.preStop) {
    results.push(error('no-port', [...workload.path, 'preStop', 'httpGet'], 'needs a container port, but port is none; use sleepSeconds or exec'));
  }
  return results;
}

function checkProbeHandlers(probes: Probes | undefined, path: Path): Result[] {
  if (!probes) return [];
  const handlers = (['path', 'tcp', 'grpc', 'exec'] as const).filter((key) => probes[key] !== undefined);
  return handlers.length > 1 ? [error('one-handler', path, `has ${andList(handlers)}; a probe has exactly one handler, so keep one`)] : [];
}

function checkHpaMetrics(workload: Workload, raw: RawWorkload): Result[] {
  const hpa = workload.autoscaling;
  if (!hpa) return [];
  const path: Path = [...workload.path, 'autoscaling'];
  const results: Result[] = [];
  if (raw.replicas !== undefined) {
    results.push(
      error(
        'replicas-with-autoscaling',
        [...workload.path, 'replicas'],
        `${raw.replicas} would be overridden: the HPA owns the replica count (from autoscaling.minReplicas ${hpa.minReplicas}); remove replicas (null in an overlay)`,
      ),
    );
  }
  if (hpa.cpuUtilization === undefined && hpa.memoryUtilization === undefined && hpa.external.length === 0) {
    results.push(
      error('no-metric', path, 'has no metric: cpuUtilization and memoryUtilization are none and there is no external metric; the HPA would never scale'),
    );
  }
  if (raw.autoscaling?.scaleDownStabilizationWindowSeconds !== undefined && raw.autoscaling.behavior?.scaleDown?.stabilizationWindowSeconds !== undefined) {
    results.push(
      error('duplicate-field', [...path, 'scaleDownStabilizationWindowSeconds'], 'is also set as behavior.scaleDown.stabilizationWindowSeconds; keep one'),
    );
  }
  return results;
}

function checkDrain(workload: Workload): Result[] {
  const { preStop } = workload.pod;
  const path: Path = [...workload.path, 'preStop'];
  const grace = graceSeconds(workload.pod);
  const sleep = preStopSeconds(preStop);
  if (sleep > 0 && !sleepFitsGrace(sleep, grace)) {
    const given =
      workload.pod.terminationGracePeriodSeconds !== undefined
        ? `terminationGracePeriodSeconds ${grace}`
        : `the default terminationGracePeriodSeconds ${grace}`;
    return [
      error(
        'grace-too-short',
        [...path, 'sleepSeconds'],
        `${sleep}s of preStop sleep leaves no time to shut down within ${given}; the kubelet kills the container at the deadline, so set terminationGracePeriodSeconds above ${sleep} (e.g. ${sleep + 30})`,
      ),
    ];
  }
  return [];
}

function checkPreStopShape(raw: RawWorkload, path: Path): Result[] {
  if (!raw.preStop) return [];
  const handlers = (['sleepSeconds', 'exec', 'httpGet'] as const).filter((key) => raw.preStop![key] !== undefined);
  return handlers.length === 1
    ? []
    : [error('one-handler', [...path, 'preStop'], handlers.length ? `has ${andList(handlers)}; keep one` : 'needs one of sleepSeconds, exec or httpGet')];
}

function checkRollout(workload: Workload): Result[] {
  const rollout = workload.rollout;
  if (!rollout) return [];
  if (isZero(rollout.maxSurge) && isZero(rollout.maxUnavailable)) {
    return [
      error(
        'rollout-stuck',
        [...workload.path, 'rollout'],
        'maxSurge and maxUnavailable are both 0, so no pod could ever be replaced; Kubernetes rejects it. Raise one of them',
      ),
    ];
  }
  return [];
}

function checkSpread(workload: Workload): Result[] {
  if (!workload.pod.scheduling.spreadAsked || workload.maxReplicas > 1) return [];
  return [
    warning(
      'spread-one-replica',
      [...workload.path, 'scheduling'],
      `spreads pods, but the workload runs at most ${workload.maxReplicas} replica, so there is nothing to spread; raise the replicas or drop the spread`,
    ),
  ];
}

/** An env value from elsewhere: exactly one source, with the fields that belong to it. */
function checkEnvRefs(model: Model, env: RawWorkload['env'], path: Path): Result[] {
  return sortedEntries(env ?? {}).flatMap(([name, value]): Result[] => {
    if (typeof value === 'string') return [];
    const at: Path = [...path, name];
    const sources = (['from', 'field', 'resource'] as const).filter((key) => value[key] !== undefined);
    if (sources.length !== 1)
      return [error('one-source', at, sources.length ? `has ${andList(sources)}; keep one` : 'needs one of from (with key), field or resource')];
    if (value.from !== undefined && value.key === undefined)
      return [error('required', [...at, 'key'], `is required with from: the key of ${value.from} to read`)];
    const stray = (['key', 'optional', 'divisor'] as const).find(
      (key) => value[key] !== undefined && (key === 'divisor' ? value.resource === undefined : value.from === undefined),
    );
    if (stray) return [error('invalid-value', [...at, stray], `belongs to ${stray === 'divisor' ? 'resource' : 'from'}; remove it`)];
    return value.from !== undefined ? checkSourceRef(model, value.from, [...at, 'from']) : [];
  });
}

function checkVolumes(model: Model, workload: Pod & { path: Path }, volumes: RawWorkload['volumes']): Result[] {
  const tmp = workload.security.readOnlyRootFilesystem && workload.security.writableTmp;
  const mounts = new Map<string, string>(tmp ? [['/tmp', 'the writable /tmp (security.writableTmp)']] : []);
  return sortedEntries(volumes ?? {}).flatMap(([name, volume]) => {
    const path: Path = [...workload.path, 'volumes', name];
    const results: Result[] = [];
    if ((volume.from === undefined) === (volume.emptyDir === undefined))
      results.push(error('one-source', path, 'needs exactly one of from (a Secret or ConfigMap) or emptyDir'));
    if (volume.from !== undefined) results.push(...checkSourceRef(model, volume.from, [...path, 'from']));
    if (volume.items && volume.from === undefined)
      results.push(error('items-without-source', [...path, 'items'], 'selects keys of a Secret or ConfigMap; set from'));
    if (tmp && name === 'tmp') results.push(error('duplicate-name', path, '"tmp" is the name of the writable /tmp volume; pick another name'));
    const clash = mounts.get(volume.mountPath);
    if (clash) results.push(error('duplicate-mount', [...path, 'mountPath'], `${volume.mountPath} is already mounted by ${clash}`));
    mounts.set(volume.mountPath, `volumes.${name}`);
    return results;
  });
}

/** Each patch has one body and targets an object this workload renders. */
function checkPatches(workload: Workload, raw: RawWorkload): Result[] {
  return [
    ...workload.patches.flatMap((patch) => {
      if ((patch.merge === undefined) === (patch.json === undefined))
        return [error('one-body', patch.path, 'needs exactly one of merge (RFC 7386) or json (RFC 6902)')];
      const renders: Record<string, boolean> = {
        Deployment: true,
        NetworkPolicy: true,
        Service: workload.service !== undefined,
        HorizontalPodAutoscaler: workload.autoscaling !== undefined,
        PodDisruptionBudget: workload.disruptionBudget !== undefined,
        ServiceAccount: raw.serviceAccount !== undefined && !raw.serviceAccount.shared && !raw.serviceAccount.external,
      };
      return renders[patch.target] ? [] : [error('unknown-target', [...patch.path, 'target'], `${workload.name} renders no ${patch.target} to patch`)];
    }),
  ];
}

/** One owner per account name; a shared or external account carries no annotations here (they live where it is made). */
function checkServiceAccounts(app: TomodaApp, model: Model): Result[] {
  const results: Result[] = [];
  const shared = Object.keys(app.spec.serviceAccounts ?? {});
  const places: Array<[Path, WorkloadServiceAccountInput | undefined]> = [
    [['spec', 'backend', 'serviceAccount'], app.spec.backend.serviceAccount],
    ...model.workloads.map((w): [Path, WorkloadServiceAccountInput | undefined] => [[...w.path, 'serviceAccount'], rawWorkload(app, w).serviceAccount]),
    ...jobsOf(model).map((job): [Path, WorkloadServiceAccountInput | undefined] => [[...job.path, 'serviceAccount'], rawJob(app, job).serviceAccount]),
  ];
  for (const [path, account] of places) {
    if (!account) continue;
    const ways = (['name', 'shared', 'external'] as const).filter((key) => account[key] !== undefined);
    if (ways.length > 1) results.push(error('one-account', path, `has ${andList(ways)}; choose one: an own account (name), shared or external`));
    const elsewhere =
      account.shared !== undefined
        ? `spec.serviceAccounts.${account.shared}`
        : account.external !== undefined
          ? `the ServiceAccount ${account.external} where it is made`
          : undefined;
    for (const key of ['annotations', 'gcpServiceAccount'] as const) {
      if (elsewhere && account[key] !== undefined) {
        results.push(error('shared-account-annotation', [...path, key], `would annotate an account this workload does not own; set it on ${elsewhere}`));
      }
    }
    if (account.shared !== undefined && !shared.includes(account.shared)) {
      const guess = nearest(account.shared, shared);
      results.push(
        error(
          'unknown-reference',
          [...path, 'shared'],
          `"${account.shared}" is not in spec.serviceAccounts${guess ? `; did you mean "${guess}"?` : '; add it there or use external'}`,
        ),
      );
    }
  }
  const owners = new Map<string, string>();
  for (const account of model.serviceAccounts) {
    const owner = owners.get(account.name);
    if (owner)
      results.push(
        error('duplicate-name', account.path, `ServiceAccount "${account.name}" is already made by ${owner}; use serviceAccount.shared to share one`),
      );
    else owners.set(account.name, account.path.join('.'));
  }
  return results;
}

/** Words as a sentence lists them: `a`, `a and b`, `a, b and c`. */
function andList(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}` : words.join('');
}

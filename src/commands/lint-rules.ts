// The lint rules: each compares the environments given and returns findings in the config's own field paths.
// They read the resolved model (what renders) and the parsed config only for where a value was written.
import type { Model, Workload } from '../config/model.js';
import type { TomodaApp } from '../config/schema.js';
import { at } from '../verify/objects.js';
import { formatPath, result, type LintCode, type Path, type Result, type Severity } from '../results.js';

export interface LintTarget {
  /** The file or directory the TomodaApp came from, as given on the command line. */
  source: string;
  app: TomodaApp;
  model: Model;
}

export interface Rule {
  severity: Severity;
  rationale: string;
}

/** Every rule, keyed by its code; `lint --rules` prints this table. */
export const LINT_RULES: Readonly<Record<Exclude<LintCode, 'invalid-lint-ignore' | 'unused-lint-ignore'>, Rule>> = {
  'other-environment': {
    severity: 'error',
    rationale: 'a host, URL or name that names another environment (-dev inside prod) is a value copied across and not changed',
  },
  'latest-in-prod': { severity: 'warning', rationale: 'an image tagged latest in production changes under a running release; pin a tag or digest' },
  'always-pull-in-prod': { severity: 'warning', rationale: 'imagePullPolicy Always in production makes every pod start depend on the registry' },
  'single-replica-in-prod': { severity: 'warning', rationale: 'a production workload with one replica is down during every rollout and node drain' },
  'no-pdb-in-prod': { severity: 'warning', rationale: 'a production workload without a PodDisruptionBudget can lose all its pods to one node drain' },
  'env-key-in-one-environment': { severity: 'warning', rationale: 'an environment variable set in one environment only is usually forgotten in the other' },
  'remote-key-pattern': {
    severity: 'warning',
    rationale: 'remote secret keys that follow different naming patterns per environment usually point at the wrong secret',
  },
};

const finding = (target: LintTarget, code: keyof typeof LINT_RULES, path: Path, message: string): Result => ({
  ...result(LINT_RULES[code].severity, code, path, message),
  file: { path: target.source },
});

/** Lowercase words of a value: "https://api-dev.tomoda.life" → https, api, dev, tomoda, life. */
const words = (value: string): string[] =>
  value
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** The words of a value without the top-level domains of the host names in it: "pkg.dev" is Google's, not an environment. */
const wordsBesideDomains = (value: string): string[] => words(value.replace(/([a-z0-9])\.[a-z]{2,63}(?=$|[/:?#\s])/gi, '$1'));

export const isProduction = (environment: string): boolean => words(environment).some((word) => word === 'prod' || word === 'production');

const where = (other: LintTarget, path: Path): string => `${other.model.environment} (${other.source}) ${formatPath(path)}`;

export function lintTargets(targets: readonly LintTarget[]): Result[] {
  const found = [
    ...targets.flatMap((target) => otherEnvironment(target, targets)),
    ...targets.filter((target) => isProduction(target.model.environment)).flatMap(productionWorkloads),
    ...envKeysInOneEnvironment(targets),
    ...remoteKeyPatterns(targets),
  ];
  // Pools share the backend image and an AWS secret's properties share one remote key: one finding per field.
  const key = (r: Result): string => `${r.file?.path}\u0000${r.field?.path}\u0000${r.tags?.code}`;
  return found.filter((r, i) => found.findIndex((other) => key(other) === key(r)) === i);
}

/** Clusters name their cert-manager issuers after the ACME endpoint (letsencrypt-prod), not after an environment. */
const NOT_ENVIRONMENT_NAMES = new Set(['clusterIssuer']);

function otherEnvironment(target: LintTarget, targets: readonly LintTarget[]): Result[] {
  const others = [...new Set(targets.map((t) => t.model.environment))].filter((environment) => environment !== target.model.environment);
  return stringLeaves(target.app.spec, ['spec'])
    .filter(([path]) => !NOT_ENVIRONMENT_NAMES.has(String(path.at(-1))))
    .flatMap(([path, value]) => {
      const named = others.find((environment) => wordsBesideDomains(value).includes(environment.toLowerCase()));
      if (!named) return [];
      const peer = targets.find((t) => t.model.environment === named);
      const theirs = peer ? at(peer.app, path) : undefined;
      const there = peer && theirs !== undefined ? `; ${where(peer, path)} is ${JSON.stringify(theirs)}` : '';
      return [
        finding(target, 'other-environment', path, `${JSON.stringify(value)} names ${named}, another environment, inside ${target.model.environment}${there}`),
      ];
    });
}

function productionWorkloads(target: LintTarget): Result[] {
  return target.model.workloads.flatMap((workload) => {
    const out: Result[] = [];
    const imagePath: Path = workload.role === 'backend' ? ['spec', 'backend', 'image'] : [...workload.path, 'image'];
    if (workload.image.endsWith(':latest'))
      out.push(finding(target, 'latest-in-prod', [...imagePath, 'tag'], `${workload.image} is tagged latest in ${target.model.environment}`));
    if (workload.imagePullPolicy === 'Always')
      out.push(
        finding(
          target,
          'always-pull-in-prod',
          [...workload.path, 'imagePullPolicy'],
          `${workload.name} pulls its image on every pod start (imagePullPolicy Always) in ${target.model.environment}`,
        ),
      );
    if (workload.minReplicas <= 1) {
      const path: Path = [...workload.path, ...(workload.autoscaling ? ['autoscaling', 'minReplicas'] : ['replicas'])];
      out.push(
        finding(target, 'single-replica-in-prod', path, `${workload.name} runs ${workload.minReplicas} replica at its lowest in ${target.model.environment}`),
      );
    }
    if (!workload.disruptionBudget)
      out.push(
        finding(target, 'no-pdb-in-prod', [...workload.path, 'disruptionBudget'], `${workload.name} has no PodDisruptionBudget in ${target.model.environment}`),
      );
    return out;
  });
}

/** Where an env key of a workload was written: the pool's own env, or the backend's shared env. */
function envPath(app: TomodaApp, workload: Workload, key: string): Path {
  if (workload.role === 'frontend') return [...workload.path, 'env', key];
  return app.spec.backend.pools[workload.name]?.env?.[key] !== undefined ? [...workload.path, 'env', key] : ['spec', 'backend', 'env', key];
}

function envKeysInOneEnvironment(targets: readonly LintTarget[]): Result[] {
  const out: Result[] = [];
  for (const target of targets) {
    for (const workload of target.model.workloads) {
      for (const { name } of workload.env) {
        for (const other of targets) {
          const theirs = other.model.workloads.find((w) => w.name === workload.name);
          if (other === target || !theirs || theirs.env.some((env) => env.name === name)) continue;
          const path = envPath(target.app, workload, name);
          out.push(
            finding(
              target,
              'env-key-in-one-environment',
              path,
              `${name} of ${workload.name} is set in ${target.model.environment} only; ${where(other, path)} is not set`,
            ),
          );
        }
      }
    }
    const extra = target.app.spec.config?.extra ?? {};
    for (const key of Object.keys(extra)) {
      for (const other of targets) {
        if (other === target || !other.app.spec.config || other.app.spec.config.extra?.[key] !== undefined) continue;
        const path: Path = ['spec', 'config', 'extra', key];
        out.push(finding(target, 'env-key-in-one-environment', path, `${key} is set in ${target.model.environment} only; ${where(other, path)} is not set`));
      }
    }
  }
  return out;
}

/** A remote key with the environment's name replaced by {env}: tomoda-s3-uploader-prod → tomoda-s3-uploader-{env}. */
const pattern = (key: string, environment: string): string =>
  key.replace(new RegExp(`(^|[^A-Za-z0-9])${environment.replace(/[^A-Za-z0-9]/g, '\\$&')}(?=$|[^A-Za-z0-9])`, 'gi'), '$1{env}');

/** Each environment's remote keys against the first environment that has the same secret and key. */
function remoteKeyPatterns(targets: readonly LintTarget[]): Result[] {
  const [first, ...rest] = targets;
  if (!first) return [];
  return rest.flatMap((target) =>
    target.model.secrets.flatMap((secret) => {
      const reference = first.model.secrets.find((s) => s.id === secret.id);
      if (!reference) return [];
      return secret.data.flatMap(({ secretKey, remoteRef }) => {
        const theirs = reference.data.find((d) => d.secretKey === secretKey);
        if (!theirs) return [];
        const ours = pattern(remoteRef.key, target.model.environment);
        const expected = pattern(theirs.remoteRef.key, first.model.environment);
        if (ours === expected) return [];
        const path = remoteKeyPath(target.app, secret.id, secretKey);
        return [
          finding(
            target,
            'remote-key-pattern',
            path,
            `remote key ${JSON.stringify(remoteRef.key)} follows ${JSON.stringify(ours)}; ${where(first, remoteKeyPath(first.app, secret.id, secretKey))} is ${JSON.stringify(theirs.remoteRef.key)}, which follows ${JSON.stringify(expected)}`,
          ),
        ];
      });
    }),
  );
}

const remoteKeyPath = (app: TomodaApp, id: string, secretKey: string): Path =>
  app.spec.secrets?.[id]?.gcp ? ['spec', 'secrets', id, 'gcp', 'keys', secretKey] : ['spec', 'secrets', id, 'aws', 'key'];

function stringLeaves(value: unknown, path: Path): Array<[Path, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  return [];
}

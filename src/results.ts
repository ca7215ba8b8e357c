// Results are data: a user's mistake becomes a Result, never a throw.
import type { PodSecurityRule } from './verify/pod-security.js';

export type Severity = 'error' | 'warning' | 'info';

/** What a result says about the config: stable codes that tests and tools match instead of the prose. */
export type ConfigCode =
  | 'not-an-object'
  | 'wrong-kind'
  | 'unknown-version'
  | 'no-function-config'
  | 'reserved-key'
  | 'unknown-field'
  | 'required'
  | 'invalid-type'
  | 'invalid-value'
  | 'invalid-key'
  | 'out-of-range'
  | 'invalid-name'
  | 'invalid-path'
  | 'duplicate-name'
  | 'duplicate-entry'
  | 'duplicate-key'
  | 'duplicate-route'
  | 'reserved-label'
  | 'reserved-env'
  | 'unknown-reference'
  | 'no-service'
  | 'one-provider'
  | 'one-target'
  | 'one-bound'
  | 'hpa-bounds'
  | 'request-above-limit'
  | 'root-user'
  | 'not-restricted'
  | 'pdb-blocks-drain'
  | 'job-restart-always'
  | 'invalid-cron'
  | 'invalid-time-zone'
  | 'wave-job-ttl'
  | 'egress-blocks-dns'
  | 'invalid-combination'
  | 'self-reference'
  | 'hpa-and-scaledobject'
  // production workload fields (issue 10)
  | 'no-port'
  | 'one-handler'
  | 'no-metric'
  | 'duplicate-field'
  | 'replicas-with-autoscaling'
  | 'grace-too-short'
  | 'rollout-stuck'
  | 'spread-one-replica'
  | 'one-source'
  | 'items-without-source'
  | 'duplicate-mount'
  | 'one-body'
  | 'unknown-target'
  | 'one-account'
  | 'shared-account-annotation'
  | 'patch-failed'
  | 'patch-identity';

/** What a post-render check finds in the generated objects (always a bug in the function). */
export type CheckCode =
  | 'invalid-name'
  | 'duplicate-name'
  | 'duplicate-object'
  | 'invalid-label'
  | 'invalid-annotation'
  | 'invalid-reference'
  | 'unresolved-reference'
  | 'unknown-kind'
  | 'selector'
  | 'service-selects-nothing'
  | 'service-target-port'
  | 'ingress-backend'
  | 'ingress-path'
  | 'hpa-target'
  | 'hpa-bounds'
  | 'pdb-bounds'
  | 'pdb-blocks-drain'
  | 'job-restart-policy'
  | 'cron-schedule'
  | 'egress-blocks-dns'
  | 'network-policy-peer'
  | 'scaled-object-target'
  | 'hpa-and-scaledobject'
  | 'trigger-authentication'
  | 'monitor-port'
  | 'grace-period'
  | 'rollout-stuck'
  | 'spread-selector'
  | `pod-security/${PodSecurityRule}`;

/** What a run says about the items a runner handed over (runners/): an object pruned, a name taken by someone else's. */
export type RunnerCode = 'pruned' | 'name-taken';

/** What `lint` finds when it compares environments (src/commands/lint-rules.ts says why each matters). */
export type LintCode =
  | 'other-environment'
  | 'latest-in-prod'
  | 'always-pull-in-prod'
  | 'single-replica-in-prod'
  | 'no-pdb-in-prod'
  | 'env-key-in-one-environment'
  | 'remote-key-pattern'
  | 'invalid-lint-ignore'
  | 'unused-lint-ignore';

/** What `import` says about objects and fields the TomodaApp it writes does not express. */
export type ImportCode = 'not-imported' | 'not-expressed' | 'no-backend';

export type ResultCode = ConfigCode | CheckCode | RunnerCode | LintCode | ImportCode;

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface Result {
  message: string;
  severity: Severity;
  resourceRef?: ResourceRef;
  field?: { path: string };
  file?: { path: string; index?: number };
  /** `code` is stable; tests assert it instead of the prose. */
  tags?: { code: ResultCode };
}

export type Path = ReadonlyArray<string | number>;

/** Renders a path the way kpt shows field paths: spec.pools.api.env[0], with odd keys bracketed. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The message does not repeat the path: kpt prints `field.path` before it, and formatResult() does the same on stderr. */
export function result(severity: Severity, code: ResultCode, path: Path, message: string): Result {
  const where = formatPath(path);
  return {
    message,
    severity,
    ...(where ? { field: { path: where } } : {}),
    tags: { code },
  };
}

export const error = (code: ResultCode, path: Path, message: string): Result => result('error', code, path, message);
export const warning = (code: ResultCode, path: Path, message: string): Result => result('warning', code, path, message);

export const hasErrors = (results: readonly Result[]): boolean => results.some((r) => r.severity === 'error');

/** The one line a person reads on stderr for a result (kustomize never shows results otherwise). */
export function formatResult(r: Result): string {
  const ref = r.resourceRef ? ` (${r.resourceRef.kind}/${r.resourceRef.name})` : '';
  const where = r.field?.path ? `${r.field.path}: ` : '';
  return oneLine(`${r.severity}${ref}: ${where}${r.message}`);
}

/**
 * Control characters from the input (a key such as "a\nb", a terminal escape in a kind) and the bidirectional
 * overrides that reorder what a terminal shows are escaped: one result stays one line and reads as it is.
 */
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
export const oneLine = (text: string): string =>
  text.replace(
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g,
    (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

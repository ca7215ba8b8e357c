// verifyRendered(objects) → results: the checks the function runs on its own output before writing it.
// They are pure and cheap (a few passes over a few dozen objects). Any finding is a bug in this function,
// not a mistake of the user's: the config was valid, so the objects made from it must be too.
import { FUNCTION_NAME } from '../constants.js';
import type { KubeObject } from '../render/meta.js';
import type { Result } from '../results.js';
import { checkJobsAndScaling } from './jobs-and-scaling.js';
import { checkMetadata } from './metadata.js';
import { checkPodSecurity, type PodSecurityWaivers } from './pod-security.js';
import { checkReferences, type Provided } from './references.js';
import { checkSelectors } from './selectors.js';
import { checkWorkloads } from './workloads.js';

export interface VerifyContext {
  /** Secrets and ConfigMaps made elsewhere that pods may read. */
  provided: Provided;
  /** Pod Security rules each workload's config waives explicitly, by workload name. */
  waivers: PodSecurityWaivers;
  /** Workloads whose config keeps a drain-blocking disruption budget after a warning. */
  blockingBudgetAccepted: ReadonlySet<string>;
  /** ServiceAccounts made elsewhere that pods may run as (serviceAccount.external). */
  serviceAccounts?: ReadonlySet<string>;
}

/** No waivers and nothing made elsewhere: every rule applies. */
export const STRICT: VerifyContext = { provided: { secrets: new Set(), configMaps: new Set() }, waivers: new Map(), blockingBudgetAccepted: new Set() };

export function verifyRendered(objects: readonly KubeObject[], context: VerifyContext = STRICT): Result[] {
  return [
    ...checkMetadata(objects),
    ...checkSelectors(objects),
    ...checkPodSecurity(objects, context.waivers),
    ...checkReferences(objects, { provided: context.provided, blockingBudgetAccepted: context.blockingBudgetAccepted }),
    ...checkJobsAndScaling(objects),
    ...checkWorkloads(objects, context.serviceAccounts),
  ];
}

/** A finding as the function reports it: an error that names itself as a bug, so nobody hunts for it in their config. */
export const asDefect = (finding: Result): Result => ({
  ...finding,
  severity: 'error',
  message: `internal check failed on the generated objects: ${finding.message}; this is a bug in ${FUNCTION_NAME}, please report it`,
});

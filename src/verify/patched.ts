// The checks on patched objects. The unpatched objects passed every check, so whatever the checks find now comes
// from a patch: a Pod Security finding is a waiver the patch makes (a warning, like security.* waivers); anything
// else (a selector that no longer matches, a port a Service cannot reach) is an error in the patch.
import type { Patched } from '../render/patch.js';
import { result, type Path, type Result } from '../results.js';
import { verifyRendered, type VerifyContext } from './index.js';
import { nameOf } from './objects.js';

export function checkPatched(patched: Patched, context: VerifyContext): Result[] {
  if (patched.patchedBy.size === 0) return [];
  const firstPatch = [...patched.patchedBy.values()][0]!;
  return verifyRendered(patched.objects, context).map((finding) => {
    const index = patched.objects.findIndex((o) => o.kind === finding.resourceRef?.kind && nameOf(o) === finding.resourceRef?.name);
    const by: Path = patched.patchedBy.get(index) ?? firstPatch;
    const code = finding.tags?.code ?? 'patch-failed';
    const podSecurity = code.startsWith('pod-security/');
    const what = `${finding.resourceRef?.kind}/${finding.resourceRef?.name}`;
    const where = finding.field?.path ? `${finding.field.path}: ` : '';
    const message = podSecurity
      ? `waives Pod Security "restricted" on ${what}: ${where}${finding.message}`
      : `breaks ${what}: ${where}${finding.message}; fix or remove the patch`;
    return { ...result(podSecurity ? 'warning' : 'error', code, by, message), ...(finding.resourceRef ? { resourceRef: finding.resourceRef } : {}) };
  });
}

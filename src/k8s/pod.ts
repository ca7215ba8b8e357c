// Pod defaults and rules of the kubelet that the config rules and the post-render checks both apply.

/** terminationGracePeriodSeconds when a pod leaves it out. */
export const DEFAULT_GRACE_SECONDS = 30;

/** The kubelet counts a preStop hook against the grace period: a sleep as long as the grace leaves no time to stop. */
export const sleepFitsGrace = (sleepSeconds: number, graceSeconds: number): boolean => sleepSeconds < graceSeconds;

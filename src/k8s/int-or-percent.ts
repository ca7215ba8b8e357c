// IntOrString fields that take a count or a percentage (PodDisruptionBudget bounds, rolling-update surge),
// and the disruption controller's arithmetic on them.

/** A percentage as the API server accepts it for a disruption budget: 0% to 100%. */
export const PERCENT = /^(100|[1-9]?[0-9])%$/;

export type IntOrPercent = number | string;

/** intstr.GetScaledValueFromIntOrPercent: a count as is, a percentage of `total` rounded up or down. */
export function scaledValue(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const exact = (Number.parseInt(value, 10) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export interface DisruptionBounds {
  minAvailable?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
}

/** Voluntary evictions a PodDisruptionBudget allows when all `pods` are healthy (the disruption controller rounds percentages up). */
export function evictionsAllowed(bounds: DisruptionBounds, pods: number): number {
  const desiredHealthy =
    bounds.minAvailable !== undefined ? scaledValue(bounds.minAvailable, pods, true) : Math.max(0, pods - scaledValue(bounds.maxUnavailable ?? 0, pods, true));
  return Math.max(0, pods - desiredHealthy);
}

/** The API server's test for a rolling update that can never progress: 0 and 0% are both zero. */
export const isZero = (value: IntOrPercent | undefined): boolean =>
  value !== undefined && (typeof value === 'number' ? value === 0 : Number.parseInt(value, 10) === 0);

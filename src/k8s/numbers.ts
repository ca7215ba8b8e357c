// Integer ranges of the Kubernetes API: fields are int32 unless the API says int64, and a few have tighter bounds.
export const INT32_MAX = 2 ** 31 - 1;

export const RANGE = {
  int32: { min: 0, max: INT32_MAX },
  port: { min: 1, max: 65535 },
  /** runAsUser, runAsGroup, fsGroup: the kubelet's user and group IDs. */
  id: { min: 0, max: INT32_MAX },
  /** HPA behavior stabilizationWindowSeconds. */
  stabilizationWindow: { min: 0, max: 3600 },
} as const;

/** HPA bounds as the API server checks them: minReplicas at least 1, maxReplicas at least minReplicas. */
export function hpaBoundsProblem(minReplicas: number, maxReplicas: number): string | undefined {
  if (minReplicas < 1) return `minReplicas ${minReplicas} is below 1`;
  return minReplicas > maxReplicas ? `minReplicas ${minReplicas} is above maxReplicas ${maxReplicas}` : undefined;
}

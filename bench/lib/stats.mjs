// Small numeric helpers for the benchmark: medians and readable numbers.

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const ms = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
export const mib = (kib) => (kib / 1024).toFixed(0);
export const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

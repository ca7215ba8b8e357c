// "Did you mean …?" for unknown keys: the known key with the smallest edit distance, if it is close.

export function editDistance(a: string, b: string): number {
  const al = a.toLowerCase();
  const bl = b.toLowerCase();
  let previous = Array.from({ length: bl.length + 1 }, (_, i) => i);
  for (let i = 1; i <= al.length; i++) {
    const current = [i];
    for (let j = 1; j <= bl.length; j++) {
      const cost = al[i - 1] === bl[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[bl.length]!;
}

export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(2, Math.floor(word.length / 3));
  const prefixMatch = best !== undefined && (best.toLowerCase().startsWith(word.toLowerCase()) || word.toLowerCase().startsWith(best.toLowerCase()));
  // Without candidates, best is undefined and bestDistance Infinity, so this returns undefined.
  return bestDistance <= allowed || prefixMatch ? best : undefined;
}

/**
 * Nearest-rank percentile (p in 0..100) of a list of numbers: the smallest value with at least p % of the values at
 * or below it. Null for an empty list. Pure: the monitoring page uses it for processing times.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be within 0..100, got ${p}`);
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  const sorted = [...finite].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Count, p50 and p95 of one set of durations. */
export function summarize(values: readonly number[]): { count: number; p50: number | null; p95: number | null } {
  return { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95) };
}

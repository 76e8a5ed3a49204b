/**
 * A latency histogram with buckets 5% apart, from 10 µs to about 100 s: recording is O(1) and percentiles
 * come out within 5% of the true value, whatever the load, in fixed memory.
 */
const GROWTH = 1.05;
const SMALLEST_MS = 0.01;
const BUCKETS = Math.ceil(Math.log(10_000_000) / Math.log(GROWTH)) + 1;

export interface LatencyHistogram {
  counts: Uint32Array;
  total: number;
}

export const emptyHistogram = (): LatencyHistogram => ({ counts: new Uint32Array(BUCKETS), total: 0 });

const bucketOf = (ms: number) =>
  ms <= SMALLEST_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / SMALLEST_MS) / Math.log(GROWTH)));

/** The bucket's upper bound: a percentile is never under-reported. */
const upperBound = (bucket: number) => SMALLEST_MS * GROWTH ** bucket;

export function record(histogram: LatencyHistogram, ms: number): void {
  const bucket = bucketOf(ms);
  histogram.counts[bucket] = (histogram.counts[bucket] as number) + 1;
  histogram.total += 1;
}

export function mergeInto(target: LatencyHistogram, source: LatencyHistogram): void {
  for (let i = 0; i < BUCKETS; i += 1)
    target.counts[i] = (target.counts[i] as number) + (source.counts[i] as number);
  target.total += source.total;
}

/** The value at quantile q (0.5 = p50), or null for an empty histogram. */
export function quantile(histogram: LatencyHistogram, q: number): number | null {
  if (histogram.total === 0) return null;
  const rank = Math.ceil(q * histogram.total);
  let seen = 0;
  for (let i = 0; i < BUCKETS; i += 1) {
    seen += histogram.counts[i] as number;
    if (seen >= rank) return Math.round(upperBound(i) * 100) / 100;
  }
  return Math.round(upperBound(BUCKETS - 1) * 100) / 100;
}

export const percentiles = (histogram: LatencyHistogram) => ({
  p50: quantile(histogram, 0.5),
  p95: quantile(histogram, 0.95),
  p99: quantile(histogram, 0.99),
});

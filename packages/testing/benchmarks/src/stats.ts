/** The value below which `p` percent of the samples fall (nearest rank); NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1] as number;
}

/** The median of repeated runs: the figure a noisy machine can be quoted by. */
export const median = (samples: readonly number[]) => percentile(samples, 50);

/** Runs `measure` `runs` times, one after the other, and keeps every result. */
export async function repeat<T>(runs: number, measure: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < runs; run++) results.push(await measure(run));
  return results;
}

/** Times in ms as seconds for a figure's note: `1.35, 1.70, 1.36`. */
export const secondsList = (timesMs: readonly number[], digits: number) =>
  timesMs.map((ms) => (ms / 1000).toFixed(digits)).join(", ");

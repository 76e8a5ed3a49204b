import type { BenchSettings } from "./bench-settings";
import { type LoadResult, runLoad } from "./load";
import { median } from "./stats";

const MAX_WARM_UPS = 5;
const WARM_TOLERANCE = 0.2;

export interface LoadSummary {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers and errors over all runs. */
  notOk: number;
  statusCodes: Record<string, number>;
}

function summarize(results: LoadResult[]): LoadSummary {
  const statusCodes: Record<string, number> = {};
  for (const result of results) {
    for (const [code, count] of Object.entries(result.statusCodes))
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
  }
  return {
    rps: median(results.map((each) => each.rps)),
    p50: median(results.map((each) => each.p50)),
    p99: median(results.map((each) => each.p99)),
    notOk: results.reduce((sum, each) => sum + each.notOk + each.errors, 0),
    statusCodes,
  };
}

/** One timed run of a target at the connections given: autocannon on a URL, or another load child. */
export type LoadTarget = (durationSeconds: number) => Promise<LoadResult>;

/** An HTTP URL as a target: autocannon at these connections. */
export const urlTarget =
  (url: string, connections: number): LoadTarget =>
  (durationSeconds) =>
    runLoad({ url, connections, durationSeconds });

/**
 * The same load against each target, in alternating runs so that the machine's noise falls on all alike;
 * each is warmed first, untimed, until two warm-ups agree, so that no cold start is counted (at many
 * connections a pool of function instances or workers takes a while to grow).
 */
export async function loadSet<K extends string>(
  settings: BenchSettings,
  targets: Record<K, LoadTarget>,
): Promise<Record<K, LoadSummary>> {
  const keys = Object.keys(targets) as K[];
  for (const key of keys) {
    let previous = 0;
    for (let warmUp = 0; warmUp < MAX_WARM_UPS; warmUp++) {
      const { rps } = await targets[key](settings.warmSeconds);
      if (previous > 0 && Math.abs(rps - previous) <= WARM_TOLERANCE * previous) break;
      previous = rps;
    }
  }
  const results = Object.fromEntries(keys.map((key) => [key, [] as LoadResult[]])) as Record<K, LoadResult[]>;
  for (let run = 0; run < settings.loadRuns; run++) {
    for (const key of keys) results[key].push(await targets[key](settings.loadSeconds));
  }
  return Object.fromEntries(keys.map((key) => [key, summarize(results[key])])) as Record<K, LoadSummary>;
}

export const describeCodes = (codes: Record<string, number>) =>
  Object.entries(codes)
    .map(([code, count]) => `${count.toLocaleString("en-US")}×${code}`)
    .join(", ");

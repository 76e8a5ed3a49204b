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

/**
 * The same load against the measured URL and its baseline, in alternating runs so that the machine's
 * noise falls on both alike; a warm-up first, untimed, so that no cold start is counted.
 */
export async function loadPair(
  settings: BenchSettings,
  urls: { measured: string; baseline: string },
  connections: number,
): Promise<{ measured: LoadSummary; baseline: LoadSummary }> {
  // Warm until two warm-ups agree: at many connections the function instances take a while to start.
  let previous = 0;
  for (let warmUp = 0; warmUp < MAX_WARM_UPS; warmUp++) {
    const { rps } = await runLoad({ url: urls.measured, connections, durationSeconds: settings.warmSeconds });
    if (previous > 0 && Math.abs(rps - previous) <= WARM_TOLERANCE * previous) break;
    previous = rps;
  }
  await runLoad({ url: urls.baseline, connections, durationSeconds: 1 });
  const measured: LoadResult[] = [];
  const baseline: LoadResult[] = [];
  for (let run = 0; run < settings.loadRuns; run++) {
    baseline.push(await runLoad({ url: urls.baseline, connections, durationSeconds: settings.loadSeconds }));
    measured.push(await runLoad({ url: urls.measured, connections, durationSeconds: settings.loadSeconds }));
  }
  return { measured: summarize(measured), baseline: summarize(baseline) };
}

export const describeCodes = (codes: Record<string, number>) =>
  Object.entries(codes)
    .map(([code, count]) => `${count.toLocaleString("en-US")}×${code}`)
    .join(", ");

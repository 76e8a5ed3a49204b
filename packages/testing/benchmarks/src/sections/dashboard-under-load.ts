import type { BenchSettings } from "../bench-settings";
import { type Figure, figure } from "../figures";
import { runLoad } from "../load";
import { percentile } from "../stats";

const SECTION = "a. Gateway: HTTP API through the local cloud vs its floors and bare node:http";
const CONNECTIONS = 50;
const IDLE_POLLS = 40;
const POLL_EVERY_MS = 100;
/** At most this many polls under load, whatever the load's length: the loop is bounded. */
const MAX_POLLS = 600;

/** One poll as the dashboard's page makes it each second: the metrics and the recent invocations. */
async function poll(dashboard: string): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const answers = await Promise.all(
    ["api/metrics", "api/invocations?limit=50"].map((route) =>
      fetch(`${dashboard}${route}`, { signal: AbortSignal.timeout(10_000) })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.ok;
        })
        .catch(() => false),
    ),
  );
  return { ms: performance.now() - started, ok: answers.every(Boolean) };
}

/**
 * The dashboard must stay fast and useful while the cloud is under load: its polls timed while
 * the cloud is idle (the baseline) and while GET /quote runs at 50 connections.
 */
export async function dashboardUnderLoad(
  settings: BenchSettings,
  cloud: { api: string; dashboard: string },
): Promise<Figure[]> {
  const idle: number[] = [];
  for (let i = 0; i < IDLE_POLLS; i++) {
    const { ms, ok } = await poll(cloud.dashboard);
    if (!ok) throw new Error(`The dashboard at ${cloud.dashboard} did not answer an idle poll.`);
    idle.push(ms);
  }
  const load = runLoad({
    url: `${cloud.api}/quote?isJedi=true`,
    connections: CONNECTIONS,
    durationSeconds: settings.loadSeconds * settings.loadRuns,
  });
  let done = false;
  void load.finally(() => {
    done = true;
  });
  const busy: number[] = [];
  let failed = 0;
  while (!done && busy.length < MAX_POLLS) {
    const { ms, ok } = await poll(cloud.dashboard);
    busy.push(ms);
    if (!ok) failed += 1;
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
  const loaded = await load;
  const base = {
    section: SECTION,
    baseline: "the same polls, the cloud idle",
    unit: "ms",
  };
  const note = `${busy.length} polls (metrics and invocations) during ${loaded.ok.toLocaleString("en-US")} GET /quote answers at ${CONNECTIONS} connections; ${failed} failed`;
  return [
    figure({
      ...base,
      name: `dashboard poll under ${CONNECTIONS} connections of load: p50`,
      value: percentile(busy, 50),
      baselineValue: percentile(idle, 50),
      note,
    }),
    figure({
      ...base,
      name: `dashboard poll under ${CONNECTIONS} connections of load: p99`,
      value: failed === 0 ? percentile(busy, 99) : null,
      baselineValue: percentile(idle, 99),
      // The page polls once a second: a poll answered within that keeps it live.
      goal: { text: "every poll answered, p99 < 1 s", isMet: (value) => value < 1000 },
      note,
    }),
  ];
}

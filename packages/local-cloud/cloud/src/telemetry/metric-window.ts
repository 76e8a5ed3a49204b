import { emptyHistogram, type LatencyHistogram, mergeInto, percentiles, record } from "./latency-histogram";

/** What happened in one second. */
interface Second {
  t: number;
  requests: number;
  errors: number;
  throttles: number;
  coldStarts: number;
  latency: LatencyHistogram;
  /** Per function: how many ran as the second began, the most at once in it, and how many at its last event. */
  first: Map<string, number>;
  peak: Map<string, number>;
  last: Map<string, number>;
}

/**
 * The last `seconds` seconds, one slot each, in a ring: recording is O(1) and memory is fixed, so the
 * dashboard costs the same under a benchmark's load as at rest.
 */
export function createMetricWindow(seconds: number, now: () => number) {
  const ring: (Second | undefined)[] = new Array(seconds);
  const running = new Map<string, number>();

  const slot = (): Second => {
    const t = Math.floor(now() / 1000);
    const index = t % seconds;
    let second = ring[index];
    if (second?.t !== t) {
      second = {
        t,
        requests: 0,
        errors: 0,
        throttles: 0,
        coldStarts: 0,
        latency: emptyHistogram(),
        first: new Map(running),
        peak: new Map(running),
        last: new Map(running),
      };
      ring[index] = second;
    }
    return second;
  };

  const setRunning = (functionName: string, delta: number) => {
    // The slot first: a second that begins with this event began with the count before it.
    const second = slot();
    const count = Math.max(0, (running.get(functionName) ?? 0) + delta);
    running.set(functionName, count);
    second.last.set(functionName, count);
    if (count > (second.peak.get(functionName) ?? 0)) second.peak.set(functionName, count);
  };

  /** The slots of the window, oldest first; a second with no events is undefined. */
  const window = () => {
    const end = Math.floor(now() / 1000);
    const list: { t: number; second: Second | undefined }[] = [];
    for (let t = end - seconds + 1; t <= end; t += 1) {
      const second = ring[t % seconds];
      list.push({ t, second: second?.t === t ? second : undefined });
    }
    return list;
  };

  return {
    request(latencyMs: number) {
      const second = slot();
      second.requests += 1;
      record(second.latency, latencyMs);
    },
    error: () => {
      slot().errors += 1;
    },
    throttle: () => {
      slot().throttles += 1;
    },
    coldStart: () => {
      slot().coldStarts += 1;
    },
    started: (functionName: string) => setRunning(functionName, 1),
    finished: (functionName: string) => setRunning(functionName, -1),

    /** Requests per second over the last `last` seconds. */
    requestsPerSecond(last: number): number {
      const recent = window().slice(-last);
      return recent.reduce((sum, { second }) => sum + (second?.requests ?? 0), 0) / last;
    },
    latency() {
      const merged = emptyHistogram();
      for (const { second } of window()) if (second) mergeInto(merged, second.latency);
      return percentiles(merged);
    },
    series() {
      const slots = window();
      const names = [...running.keys()];
      const concurrency: Record<string, number[]> = {};
      for (const name of names) {
        // A second with no events ran what the one before it ended with; before the window's first event,
        // what that second began with; with no event in the window at all, what runs now.
        const firstSlot = slots.find(({ second }) => second !== undefined)?.second;
        let carried = firstSlot ? (firstSlot.first.get(name) ?? 0) : (running.get(name) ?? 0);
        concurrency[name] = slots.map(({ second }) => {
          if (!second) return carried;
          carried = second.last.get(name) ?? carried;
          return second.peak.get(name) ?? carried;
        });
      }
      const latencies = slots.map(({ second }) => (second ? percentiles(second.latency) : undefined));
      return {
        t: slots.map(({ t }) => t),
        requests: slots.map(({ second }) => second?.requests ?? 0),
        errors: slots.map(({ second }) => second?.errors ?? 0),
        throttles: slots.map(({ second }) => second?.throttles ?? 0),
        coldStarts: slots.map(({ second }) => second?.coldStarts ?? 0),
        latencyP50: latencies.map((each) => each?.p50 ?? null),
        latencyP95: latencies.map((each) => each?.p95 ?? null),
        latencyP99: latencies.map((each) => each?.p99 ?? null),
        concurrency,
      };
    },
  };
}

export type MetricWindow = ReturnType<typeof createMetricWindow>;

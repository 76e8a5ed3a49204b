import type { FunctionMetrics, FunctionStats } from "@holonet/local-dashboard/dashboard-api";
import { emptyHistogram, type LatencyHistogram, percentiles, record } from "./latency-histogram";

interface Counters {
  invocations: number;
  errors: number;
  throttles: number;
  coldStarts: number;
  running: number;
  maxRunning: number;
  duration: LatencyHistogram;
}

const emptyCounters = (): Counters => ({
  invocations: 0,
  errors: 0,
  throttles: 0,
  coldStarts: 0,
  running: 0,
  maxRunning: 0,
  duration: emptyHistogram(),
});

export interface InvocationCounts {
  invocations: number;
  errors: number;
  coldStarts: number;
  durationsMs: number[];
}

/** Per function, and per qualifier (alias, version or $LATEST) within it: AWS/Lambda's and Holonet's metrics. */
export function createFunctionStats() {
  const functions = new Map<string, { total: Counters; byQualifier: Map<string, Counters> }>();

  /** The counters of the function as a whole and of the qualifier invoked. */
  const both = (functionName: string, qualifier: string): [Counters, Counters] => {
    let entry = functions.get(functionName);
    if (!entry) {
      entry = { total: emptyCounters(), byQualifier: new Map() };
      functions.set(functionName, entry);
    }
    let byQualifier = entry.byQualifier.get(qualifier);
    if (!byQualifier) {
      byQualifier = emptyCounters();
      entry.byQualifier.set(qualifier, byQualifier);
    }
    return [entry.total, byQualifier];
  };

  const stats = (counters: Counters): FunctionStats => ({
    invocations: counters.invocations,
    errors: counters.errors,
    throttles: counters.throttles,
    coldStarts: counters.coldStarts,
    concurrentExecutions: counters.running,
    maxConcurrentExecutions: counters.maxRunning,
    durationMs: percentiles(counters.duration),
  });

  return {
    count(functionName: string, qualifier: string, counts: InvocationCounts) {
      for (const counters of both(functionName, qualifier)) {
        counters.invocations += counts.invocations;
        counters.errors += counts.errors;
        counters.coldStarts += counts.coldStarts;
        for (const ms of counts.durationsMs) record(counters.duration, ms);
      }
    },
    throttled(functionName: string, qualifier: string) {
      for (const counters of both(functionName, qualifier)) counters.throttles += 1;
    },
    running(functionName: string, qualifier: string, delta: 1 | -1) {
      for (const counters of both(functionName, qualifier)) {
        counters.running = Math.max(0, counters.running + delta);
        counters.maxRunning = Math.max(counters.maxRunning, counters.running);
      }
    },
    snapshot(): FunctionMetrics[] {
      return [...functions]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([functionName, entry]) => ({
          functionName,
          total: stats(entry.total),
          byQualifier: Object.fromEntries(
            [...entry.byQualifier].map(([q, counters]) => [q, stats(counters)]),
          ),
        }));
    },
  };
}

/**
 * The load generator, in a process of its own so that it never shares an event loop with the server it
 * measures: runs autocannon once with the options in argv[2] (JSON) and prints a LoadResult as JSON.
 */
import autocannon from "autocannon";
import type { LoadOptions, LoadResult } from "./load";
import { percentile } from "./stats";

/** Enough for a few seconds at any rate these machines reach; past it, the rest is not kept. */
const MAX_SAMPLES = 2_000_000;

const options = JSON.parse(process.argv[2] ?? "{}") as LoadOptions;
const host = new URL(options.url).hostname;
if (host !== "127.0.0.1" && host !== "localhost") throw new Error(`Load goes to loopback only, not ${host}.`);

const latencies: number[] = [];
const instance = autocannon(
  {
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    // Each response is counted, and its exact time kept: autocannon's own histogram rounds to whole ms.
    ...(options.headers && { headers: options.headers }),
  },
  (error, result) => {
    if (error) throw error;
    const ok = result["2xx"];
    const output: LoadResult = {
      connections: options.connections,
      durationSeconds: result.duration,
      ok,
      notOk: result.non2xx,
      errors: result.errors + result.timeouts,
      rps: ok / result.duration,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      statusCodes: Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]),
      ),
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
  },
);
instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
  if (statusCode >= 200 && statusCode < 300 && latencies.length < MAX_SAMPLES) latencies.push(responseTime);
});

import * as z from "zod";

/**
 * What the local cloud's dashboard reads, as JSON over loopback. The local cloud implements
 * `DashboardSource`; the dashboard's server answers these routes from it and the page draws them:
 *
 *   GET /api/metrics                    MetricsSnapshot (cheap: the page polls it every second)
 *   GET /api/invocations?limit=N        InvocationSummary[] newest first (N <= 200, default 50)
 *   GET /api/invocations/{requestId}    InvocationDetail, or 404 with an ErrorBody
 *   GET /api/functions                  FunctionInfo[] (versions and aliases, read through the Lambda API)
 *   GET /api/buckets                    BucketInfo[] (the first objects of each bucket, through the S3 API)
 *   GET /api/cost                       CostSnapshot
 */

export const Percentiles = z.object({
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
});

/** Counts for one function, or for one alias (or version) of it. */
export const FunctionStats = z.object({
  invocations: z.number().int(),
  errors: z
    .number()
    .int()
    .describe("Invocations that failed: thrown, timed out, crashed, or answered an HTTP request with a 5xx."),
  throttles: z.number().int().describe("Invocations refused with 429 (Lambda's Throttles metric)."),
  coldStarts: z.number().int(),
  concurrentExecutions: z.number().int().describe("Running right now."),
  maxConcurrentExecutions: z.number().int().describe("The most that ran at once since the cloud started."),
  durationMs: Percentiles.describe("Handler duration since the cloud started."),
});

export const FunctionMetrics = z.object({
  functionName: z.string(),
  total: FunctionStats,
  /** Keyed by the qualifier the caller invoked: an alias (`dev`), a version (`3`) or `$LATEST`. */
  byQualifier: z.record(z.string(), FunctionStats),
});

/** One point per second, oldest first; all arrays have the same length as `t`. */
export const MetricSeries = z.object({
  t: z.array(z.number().int()).describe("Epoch seconds."),
  requests: z.array(z.number().int()).describe("HTTP API requests answered in that second."),
  errors: z
    .array(z.number().int())
    .describe("Failed invocations of every function (as `errors` above counts them)."),
  throttles: z.array(z.number().int()).describe("429s, by the API's throttle or Lambda's concurrency limit."),
  coldStarts: z.array(z.number().int()),
  latencyP50: z.array(z.number().nullable()).describe("API latency in ms; null in a second with no request."),
  latencyP95: z.array(z.number().nullable()),
  latencyP99: z.array(z.number().nullable()),
  concurrency: z
    .record(z.string(), z.array(z.number().int()))
    .describe("Per function name: the most executions running at once in that second."),
});

export const MetricsSnapshot = z.object({
  at: z.number().int().describe("Epoch ms when the snapshot was taken."),
  windowSeconds: z.number().int(),
  api: z.object({
    requests: z.number().int().describe("Since the cloud started."),
    requestsPerSecond: z.number().describe("Over the last 10 seconds."),
    latencyMs: Percentiles.describe("Over the metrics window."),
    status4xx: z.number().int(),
    status5xx: z.number().int(),
    throttled: z.number().int(),
  }),
  functions: z.array(FunctionMetrics),
  series: MetricSeries,
});

export const Span = z.object({
  hop: z.enum(["gateway", "lambda", "init", "handler", "s3"]),
  name: z.string().describe("`GET /quote`, `holonet-quote:dev`, `S3 GetObject`, ..."),
  startOffsetMs: z.number().describe("From the start of the trace's first span."),
  durationMs: z.number(),
  detail: z.string().optional(),
});

export const InvocationSummary = z.object({
  requestId: z.string().describe("Lambda's request id."),
  functionName: z.string(),
  version: z.string().describe("The version that ran."),
  qualifier: z.string().describe("What the caller invoked: an alias, a version or $LATEST."),
  startedAt: z.number().int().describe("Epoch ms."),
  durationMs: z.number(),
  initDurationMs: z.number().optional(),
  coldStart: z.boolean(),
  error: z.string().optional().describe("The function error's type, if it failed."),
  traceId: z.string().optional().describe("The X-Ray trace id (`1-5e1b4151-...`)."),
  apiRequestId: z.string().optional().describe("The HTTP API's request id, when the API invoked it."),
  route: z.string().optional().describe("The API's route key, when the API invoked it."),
  status: z.number().int().optional().describe("The HTTP status the API answered, when it did."),
});

export const InvocationDetail = InvocationSummary.extend({
  event: z.unknown(),
  result: z.unknown().describe("The payload the function returned, or Lambda's error payload."),
  truncated: z
    .boolean()
    .describe("True when event or result was cut to keep the dashboard's memory bounded."),
  logs: z.array(z.string()).describe("The invocation's log lines, START/END/REPORT included."),
  spans: z.array(Span),
});

export const FunctionInfo = z.object({
  functionName: z.string(),
  versions: z.array(
    z.object({
      version: z.string(),
      codeSha256: z.string(),
      lastModified: z.string(),
      description: z.string(),
    }),
  ),
  aliases: z.array(z.object({ name: z.string(), functionVersion: z.string() })),
});

export const BucketInfo = z.object({
  name: z.string(),
  objects: z.array(z.object({ key: z.string(), size: z.number().int(), lastModified: z.string() })),
  truncated: z.boolean().describe("True when the bucket holds more objects than listed."),
});

export const CostSnapshot = z.object({
  elapsedSeconds: z.number(),
  functions: z.array(
    z.object({
      functionName: z.string(),
      invocations: z.number().int(),
      gbSeconds: z.number(),
      usd: z.number(),
    }),
  ),
  apiRequests: z.number().int(),
  apiUsd: z.number(),
  totalUsd: z.number(),
});

export type Percentiles = z.infer<typeof Percentiles>;
export type FunctionStats = z.infer<typeof FunctionStats>;
export type FunctionMetrics = z.infer<typeof FunctionMetrics>;
export type MetricSeries = z.infer<typeof MetricSeries>;
export type MetricsSnapshot = z.infer<typeof MetricsSnapshot>;
export type Span = z.infer<typeof Span>;
export type InvocationSummary = z.infer<typeof InvocationSummary>;
export type InvocationDetail = z.infer<typeof InvocationDetail>;
export type FunctionInfo = z.infer<typeof FunctionInfo>;
export type BucketInfo = z.infer<typeof BucketInfo>;
export type CostSnapshot = z.infer<typeof CostSnapshot>;

/** Implemented by the local cloud; every method is cheap except functions() and buckets(), which call APIs. */
export interface DashboardSource {
  metrics(): MetricsSnapshot;
  invocations(limit: number): InvocationSummary[];
  invocation(requestId: string): InvocationDetail | undefined;
  functions(): Promise<FunctionInfo[]>;
  buckets(): Promise<BucketInfo[]>;
  cost(): CostSnapshot;
}

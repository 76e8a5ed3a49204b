import { traceIdOf } from "@holonet/lambda-kit/logger";
import { METRIC_NAMESPACE } from "@holonet/lambda-kit/metrics";
import type {
  InvocationDetail,
  InvocationSummary,
  MetricsSnapshot,
} from "@holonet/local-dashboard/dashboard-api";
import type { GatewayRecord } from "@holonet/local-gateway/http-api";
import type { ExecutionRef, InvocationRecord, LogEntry } from "@holonet/local-lambda/lambda-service";
import { readEmfLine } from "./emf-line";
import { createFunctionStats, type InvocationCounts } from "./function-stats";
import { invocationSpans } from "./invocation-spans";
import { createMetricWindow } from "./metric-window";

const WINDOW_SECONDS = 60;
const RECENT_INVOCATIONS = 200;
const LINES_PER_INVOCATION = 500;
const GATEWAY_RECORDS = 2000;
/** An event or result larger than this is cut in the detail view, so a big payload does not flood the page. */
const DETAIL_BYTES = 64 * 1024;

interface Finished {
  record: InvocationRecord;
  endedAt: number;
  lines: string[];
}

/**
 * What the local cloud saw, for its dashboard: the API's requests, the functions' log lines, executions and
 * throttles. Invocations, errors, cold starts and durations come from the functions' own EMF lines, as
 * CloudWatch reads them on AWS; an execution that wrote none (a crash, a timeout) is counted from Lambda's
 * own record, as AWS/Lambda's metrics count it. Throttles and concurrency are Lambda's, as on AWS.
 */
export function createTelemetry(now: () => number = Date.now) {
  const window = createMetricWindow(WINDOW_SECONDS, now);
  const stats = createFunctionStats();
  const pendingLines = new Map<string, string[]>();
  const recent: Finished[] = [];
  const gatewayByTrace = new Map<string, GatewayRecord>();
  const api = { requests: 0, status4xx: 0, status5xx: 0, throttled: 0 };

  const countsOf = (record: InvocationRecord, lines: string[]): InvocationCounts => {
    const counts: InvocationCounts = { invocations: 0, errors: 0, coldStarts: 0, durationsMs: [] };
    for (const line of lines) {
      for (const metrics of readEmfLine(line)) {
        if (metrics.namespace !== METRIC_NAMESPACE) continue;
        const sum = (name: string) => (metrics.values[name] ?? []).reduce((a, b) => a + b, 0);
        counts.invocations += sum("Invocations");
        counts.errors += sum("Errors");
        counts.coldStarts += sum("ColdStart");
        counts.durationsMs.push(...(metrics.values.Duration ?? []));
      }
    }
    if (counts.invocations > 0) return counts;
    return {
      invocations: 1,
      errors: record.error ? 1 : 0,
      coldStarts: record.coldStart ? 1 : 0,
      durationsMs: [record.durationMs],
    };
  };

  const summary = ({ record }: Finished): InvocationSummary => {
    const traceId = traceIdOf(record.traceHeader);
    const gateway = record.traceHeader ? gatewayByTrace.get(record.traceHeader) : undefined;
    return {
      requestId: record.requestId,
      functionName: record.functionName,
      version: record.version,
      qualifier: record.qualifier,
      startedAt: record.startedAt,
      durationMs: record.durationMs,
      ...(record.initDurationMs !== undefined && { initDurationMs: record.initDurationMs }),
      coldStart: record.coldStart,
      ...(record.error && { error: record.error }),
      ...(traceId && { traceId }),
      ...(gateway && { apiRequestId: gateway.requestId, status: gateway.status }),
      ...(gateway?.routeKey && { route: gateway.routeKey }),
    };
  };

  return {
    log(entry: LogEntry) {
      const lines = pendingLines.get(entry.requestId) ?? [];
      if (lines.length === LINES_PER_INVOCATION) lines.push("… (later lines are in pnpm logs)");
      else if (lines.length < LINES_PER_INVOCATION) lines.push(entry.text);
      pendingLines.set(entry.requestId, lines);
    },
    started(execution: ExecutionRef) {
      window.started(execution.functionName);
      stats.running(execution.functionName, execution.qualifier, 1);
    },
    finished(record: InvocationRecord) {
      const lines = pendingLines.get(record.requestId) ?? [];
      pendingLines.delete(record.requestId);
      const counts = countsOf(record, lines);
      stats.count(record.functionName, record.qualifier, counts);
      stats.running(record.functionName, record.qualifier, -1);
      window.finished(record.functionName);
      for (let i = 0; i < counts.errors; i += 1) window.error();
      for (let i = 0; i < counts.coldStarts; i += 1) window.coldStart();
      recent.push({ record, endedAt: now(), lines });
      if (recent.length > RECENT_INVOCATIONS) recent.shift();
    },
    throttled(execution: ExecutionRef) {
      stats.throttled(execution.functionName, execution.qualifier);
      window.throttle();
    },
    request(record: GatewayRecord) {
      api.requests += 1;
      window.request(record.latencyMs);
      if (record.status === 429) {
        api.throttled += 1;
        // The API's own throttle answers before routing; a 429 after it passes Lambda's on (counted there).
        if (record.routeKey === null) window.throttle();
      }
      if (record.status >= 400 && record.status < 500) api.status4xx += 1;
      if (record.status >= 500) api.status5xx += 1;
      if (record.traceHeader) {
        gatewayByTrace.set(record.traceHeader, record);
        if (gatewayByTrace.size > GATEWAY_RECORDS) {
          gatewayByTrace.delete(gatewayByTrace.keys().next().value as string);
        }
      }
    },

    metrics(): MetricsSnapshot {
      return {
        at: now(),
        windowSeconds: WINDOW_SECONDS,
        api: {
          ...api,
          requestsPerSecond: window.requestsPerSecond(10),
          latencyMs: window.latency(),
        },
        functions: stats.snapshot(),
        series: window.series(),
      };
    },
    invocations(limit: number): InvocationSummary[] {
      return recent.slice(-limit).reverse().map(summary);
    },
    invocation(requestId: string): InvocationDetail | undefined {
      const found = recent.find((each) => each.record.requestId === requestId);
      if (!found) return undefined;
      const gateway = found.record.traceHeader ? gatewayByTrace.get(found.record.traceHeader) : undefined;
      const event = cut(found.record.event);
      const result = cut(found.record.result);
      return {
        ...summary(found),
        event: event.value,
        result: result.value,
        truncated: event.truncated || result.truncated,
        logs: found.lines,
        spans: invocationSpans(found.record, found.endedAt, found.lines, gateway),
      };
    },
  };
}

export type Telemetry = ReturnType<typeof createTelemetry>;

function cut(value: unknown): { value: unknown; truncated: boolean } {
  const text = JSON.stringify(value) ?? "null";
  if (text.length <= DETAIL_BYTES) return { value, truncated: false };
  return { value: `${text.slice(0, DETAIL_BYTES)}…`, truncated: true };
}

import type { Span } from "@holonet/local-dashboard/dashboard-api";
import type { GatewayRecord } from "@holonet/local-gateway/http-api";
import type { InvocationRecord } from "@holonet/local-lambda/lambda-service";

const round = (ms: number) => Math.round(ms * 100) / 100;

/** A span the function logged itself (an S3 call, through logAwsCallSpans), placed by the line's time. */
function loggedSpan(
  line: string,
): { hop: string; name: string; endMs: number; durationMs: number } | undefined {
  if (!line.startsWith("{") || !line.includes('"span"')) return undefined;
  try {
    const entry = JSON.parse(line) as {
      timestamp?: unknown;
      span?: { hop?: unknown; name?: unknown; durationMs?: unknown };
    };
    const { span } = entry;
    if (typeof entry.timestamp !== "string" || typeof span?.durationMs !== "number") return undefined;
    return {
      hop: typeof span.hop === "string" ? span.hop : "aws",
      name: typeof span.name === "string" ? span.name : "AWS call",
      endMs: Date.parse(entry.timestamp),
      durationMs: span.durationMs,
    };
  } catch {
    return undefined;
  }
}

/**
 * Where one request's time went: the API (when it came through one), the Lambda execution (from taking an
 * instance, a new process on a cold start, to its result), the init and the handler within it, and each
 * S3 call the handler made. Offsets are from the first span. The handler and init end where the execution
 * ended (`endedAt`), since a cold start's process start comes before them and is in neither.
 */
export function invocationSpans(
  record: InvocationRecord,
  endedAt: number,
  lines: readonly string[],
  gateway?: GatewayRecord,
): Span[] {
  const base = gateway?.startedAt ?? record.startedAt;
  const at = record.startedAt - base;
  const init = record.initDurationMs ?? 0;
  const handlerAt = Math.max(at, endedAt - base - record.durationMs);
  const spans: Span[] = [];
  if (gateway) {
    spans.push({
      hop: "gateway",
      name: `${gateway.method} ${gateway.path}`,
      startOffsetMs: 0,
      durationMs: round(gateway.latencyMs),
      detail: `${gateway.status}, request id ${gateway.requestId}`,
    });
  }
  spans.push({
    hop: "lambda",
    name: `${record.functionName}:${record.qualifier}`,
    startOffsetMs: round(at),
    durationMs: round(Math.max(endedAt - record.startedAt, init + record.durationMs)),
    detail: `version ${record.version}${record.coldStart ? ", cold start" : ""}`,
  });
  if (record.initDurationMs !== undefined) {
    spans.push({
      hop: "init",
      name: "Init",
      startOffsetMs: round(Math.max(at, handlerAt - init)),
      durationMs: round(init),
    });
  }
  spans.push({
    hop: "handler",
    name: "Handler",
    startOffsetMs: round(handlerAt),
    durationMs: round(record.durationMs),
    ...(record.error && { detail: record.error }),
  });
  for (const line of lines) {
    const span = loggedSpan(line);
    if (!span) continue;
    spans.push({
      hop: span.hop === "s3" ? "s3" : "handler",
      name: span.name,
      startOffsetMs: round(Math.max(0, span.endMs - span.durationMs - base)),
      durationMs: round(span.durationMs),
    });
  }
  return spans;
}

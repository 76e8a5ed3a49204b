import type { GatewayRecord } from "@holonet/local-gateway/http-api";
import type { InvocationRecord, LogEntry } from "@holonet/local-lambda/lambda-service";
import { type InvocationSummary, invocationLines, requestLines, type Style } from "./request-lines";

export interface RequestLog {
  functionLog(entry: LogEntry): void;
  invocation(record: InvocationRecord): void;
  request(record: GatewayRecord): void;
  /** Prints whatever still waits for its request: before the cloud stops. */
  flush(): void;
}

const serviceOf = (functionName: string) => functionName.replace(/^holonet-/, "");

/** The API request an HTTP API event (payload format 2.0) stands for, read from the event itself. */
function apiRequestOf(event: unknown) {
  const { version, rawPath, rawQueryString, requestContext } = (event ?? {}) as {
    version?: unknown;
    rawPath?: unknown;
    rawQueryString?: unknown;
    requestContext?: { requestId?: unknown; http?: { method?: unknown } };
  };
  const requestId = requestContext?.requestId;
  const method = requestContext?.http?.method;
  if (version !== "2.0" || typeof requestId !== "string" || typeof method !== "string") return undefined;
  return {
    requestId,
    method,
    path: typeof rawPath === "string" ? rawPath : "/",
    query: typeof rawQueryString === "string" ? rawQueryString : "",
  };
}

/**
 * The terminal's view of the traffic: one line per API request, the function's log lines indented under
 * it. A function's lines arrive before the API's answer, so they wait for it, but never longer than
 * `holdMs`: an invocation no request claims by then (a direct Invoke with an HTTP event, say) prints alone.
 */
export function createRequestLog(options: {
  write: (line: string) => void;
  style: Style;
  holdMs?: number;
}): RequestLog {
  const holdMs = options.holdMs ?? 1000;
  const logsByInvocation = new Map<string, string[]>();
  const awaitingRequest = new Map<string, { invocation: InvocationSummary; timer: NodeJS.Timeout }>();
  const print = (lines: string[]) => {
    for (const line of lines) options.write(line);
  };

  return {
    functionLog(entry) {
      const logs = logsByInvocation.get(entry.requestId) ?? [];
      logs.push(entry.text);
      logsByInvocation.set(entry.requestId, logs);
    },
    invocation(record) {
      const logs = logsByInvocation.get(record.requestId) ?? [];
      logsByInvocation.delete(record.requestId);
      const api = apiRequestOf(record.event);
      const invocation: InvocationSummary = {
        service: serviceOf(record.functionName),
        qualifier: record.qualifier,
        version: record.version,
        durationMs: record.durationMs,
        coldStart: record.coldStart,
        initDurationMs: record.initDurationMs,
        error: record.error,
        logs,
        ...(api && { request: { method: api.method, path: api.path, query: api.query } }),
      };
      if (!api) return print(invocationLines(invocation, options.style));
      const timer = setTimeout(() => {
        awaitingRequest.delete(api.requestId);
        print(invocationLines(invocation, options.style));
      }, holdMs);
      timer.unref();
      awaitingRequest.set(api.requestId, { invocation, timer });
    },
    request(record) {
      const waiting = awaitingRequest.get(record.requestId);
      if (waiting) {
        clearTimeout(waiting.timer);
        awaitingRequest.delete(record.requestId);
      }
      print(requestLines(record, waiting?.invocation, options.style));
    },
    flush() {
      for (const { invocation, timer } of awaitingRequest.values()) {
        clearTimeout(timer);
        print(invocationLines(invocation, options.style));
      }
      awaitingRequest.clear();
      for (const logs of logsByInvocation.values()) print(logs);
      logsByInvocation.clear();
    },
  };
}

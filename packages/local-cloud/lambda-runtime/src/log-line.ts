const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const RUNTIME_LINE = /^(INIT_START|START|END|REPORT) /;

/** One line of a function's log, read for a person: `pnpm logs` and `pnpm dev` print it from this. */
export interface LogLine {
  /**
   * `runtime`: Lambda's own INIT_START, START, END or REPORT; `metrics`: an Embedded Metric Format line;
   * `json`: a structured log line; `console`: console.* through the runtime; `text`: anything else.
   */
  kind: "runtime" | "metrics" | "json" | "console" | "text";
  requestId?: string | undefined;
  /** Upper case: INFO, WARN, ERROR, ..., METRIC for a metrics line. */
  level?: string | undefined;
  message: string;
  /** A JSON line's fields other than its level and message, in order, each value compact. */
  fields: [key: string, value: string][];
}

const compact = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** An Embedded Metric Format line: only its metrics' values, which is what a person reads it for. */
function metricsLine(entry: Record<string, unknown>): LogLine {
  const directives = (entry._aws as { CloudWatchMetrics?: { Metrics?: { Name?: string }[] }[] })
    .CloudWatchMetrics;
  const names = (directives ?? []).flatMap((directive) =>
    (directive.Metrics ?? []).map((metric) => metric.Name),
  );
  return {
    kind: "metrics",
    requestId: typeof entry.requestId === "string" ? entry.requestId : undefined,
    level: "METRIC",
    message: names.map((name) => `${name}=${JSON.stringify(entry[name ?? ""])}`).join(" "),
    fields: [],
  };
}

function jsonLine(text: string): LogLine | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return undefined;
  const record = entry as Record<string, unknown>;
  if (typeof record._aws === "object" && record._aws !== null) return metricsLine(record);
  return {
    kind: "json",
    requestId: typeof record.requestId === "string" ? record.requestId : undefined,
    level: typeof record.level === "string" ? record.level.toUpperCase() : undefined,
    message: String(record.message ?? ""),
    fields: Object.entries(record)
      .filter(([key]) => key !== "level" && key !== "message")
      .map(([key, value]) => [key, compact(value)]),
  };
}

/** Reads one log line: a JSON line, the runtime's console line, Lambda's START/END/REPORT, or plain text. */
export function parseLogLine(raw: string): LogLine {
  const text = raw.replace(/\n$/, "");
  if (text.startsWith("{")) {
    const parsed = jsonLine(text);
    if (parsed) return parsed;
  }
  // console.* through Lambda's Node.js runtime: time \t request id \t LEVEL \t message.
  const parts = text.split("\t");
  if (parts.length >= 4 && UUID.test(parts[1] ?? ""))
    return {
      kind: "console",
      requestId: parts[1],
      level: parts[2],
      message: parts.slice(3).join("\t"),
      fields: [],
    };
  // START/END/REPORT name the request as "RequestId: <id>".
  return {
    kind: RUNTIME_LINE.test(text) ? "runtime" : "text",
    requestId: /RequestId: (\S+)/.exec(text)?.[1],
    message: text,
    fields: [],
  };
}

const LEVEL_COLORS: Record<string, number> = {
  ERROR: 31,
  FATAL: 31,
  WARN: 33,
  INFO: 36,
  DEBUG: 90,
  TRACE: 90,
};
/** Fields a person's view leaves out: shown elsewhere (level, time), told by the request line, or noise. */
const FOLDED = new Set(["timestamp", "requestId", "service", "coldStart", "xRayTraceId"]);

/** The runtime's log of a function error, `Invoke Error \t{"errorType",...,"stack":[...]}`, as one line. */
function invokeErrorLine(message: string): string | undefined {
  const found = /^Invoke Error\s+(\{.*\})\s*$/.exec(message);
  if (!found?.[1]) return undefined;
  try {
    const { errorType, errorMessage } = JSON.parse(found[1]) as {
      errorType?: unknown;
      errorMessage?: unknown;
    };
    return `Invoke Error ${String(errorType)}: ${String(errorMessage)}`;
  } catch {
    return undefined;
  }
}

/** An AWS call's span (`{"hop":"s3","durationMs":61.4,"status":200}`) as `-> 200 in 61 ms`. */
function spanNote(value: string): string | undefined {
  try {
    const { durationMs, status } = JSON.parse(value) as { durationMs?: unknown; status?: unknown };
    if (typeof durationMs !== "number") return undefined;
    return `-> ${typeof status === "number" ? `${status} ` : ""}in ${formatDuration(durationMs)}`;
  } catch {
    return undefined;
  }
}

/**
 * A function's log line as a person reads it beside its request: the level, the message and the fields that
 * say something, an Embedded Metric Format line as its values, a function error without its stack.
 * Undefined for Lambda's INIT_START/START/END/REPORT, whose news (duration, cold start) is told elsewhere.
 */
export function readableLogLine(text: string, options: { color: boolean }): string | undefined {
  const line = parseLogLine(text);
  if (line.kind === "runtime") return undefined;
  const rest = line.fields
    .filter(([key]) => !FOLDED.has(key))
    .map(([key, value]) => (key === "span" && spanNote(value)) || `${key}=${value}`);
  const message =
    (line.kind === "console" && invokeErrorLine(line.message)) || [line.message, ...rest].join(" ");
  if (line.level === undefined) return message;
  const code = LEVEL_COLORS[line.level];
  const level = line.level.padEnd(5);
  return `${options.color && code !== undefined ? `\u001b[${code}m${level}\u001b[0m` : level} ${message}`;
}

/** 0.6 ms, 8.1 ms, 260 ms, 1.4 s: as precise as a person reads a duration. */
export function formatDuration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

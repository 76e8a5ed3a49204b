import type { FilteredLogEvent } from "@aws-sdk/client-cloudwatch-logs";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const COLORS = { ERROR: 31, WARN: 33, INFO: 36, DEBUG: 90, dim: 2 } as const;
/** Shown in their own places, so left out of the compact rest of a JSON line. */
const SHOWN = new Set(["timestamp", "level", "message", "requestId", "service"]);

interface Parsed {
  requestId?: string | undefined;
  level?: string | undefined;
  message: string;
}

/** A JSON log line: level + message + the other fields as key=value. Lambda's runtime lines: their parts. */
function parseMessage(raw: string): Parsed {
  const text = raw.replace(/\n$/, "");
  if (text.startsWith("{")) {
    try {
      const entry = JSON.parse(text) as Record<string, unknown>;
      if (typeof entry._aws === "object" && entry._aws !== null) return metricsLine(entry);
      const rest = Object.entries(entry)
        .filter(([key]) => !SHOWN.has(key))
        .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
      return {
        requestId: typeof entry.requestId === "string" ? entry.requestId : undefined,
        level: typeof entry.level === "string" ? entry.level.toUpperCase() : undefined,
        message: [String(entry.message ?? ""), ...rest].join(" "),
      };
    } catch {
      // Not JSON after all: shown as it is.
    }
  }
  // console.* through Lambda's Node.js runtime: time \t request id \t LEVEL \t message.
  const parts = text.split("\t");
  if (parts.length >= 4 && UUID.test(parts[1] ?? ""))
    return { requestId: parts[1], level: parts[2], message: parts.slice(3).join("\t") };
  // START/END/REPORT name the request as "RequestId: <id>".
  return { requestId: /RequestId: (\S+)/.exec(text)?.[1], message: text };
}

/** An Embedded Metric Format line: only its metrics' values, which is what a person reads it for. */
function metricsLine(entry: Record<string, unknown>): Parsed {
  const directives = (entry._aws as { CloudWatchMetrics?: { Metrics?: { Name?: string }[] }[] })
    .CloudWatchMetrics;
  const names = (directives ?? []).flatMap((directive) =>
    (directive.Metrics ?? []).map((metric) => metric.Name),
  );
  return {
    requestId: typeof entry.requestId === "string" ? entry.requestId : undefined,
    level: "METRIC",
    message: names.map((name) => `${name}=${JSON.stringify(entry[name ?? ""])}`).join(" "),
  };
}

/** One line for one event: time, the function version, the request id, the level and the message. */
export function formatEvent(event: FilteredLogEvent, options: { color: boolean }): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const parsed = parseMessage(event.message ?? "");
  const time = new Date(event.timestamp ?? 0).toISOString();
  const version = /\[([^\]]+)\]/.exec(event.logStreamName ?? "")?.[1];
  const level = parsed.level
    ? `${paint(COLORS[parsed.level as keyof typeof COLORS] ?? 0, parsed.level.padEnd(5))} `
    : "";
  return [
    paint(COLORS.dim, time),
    ...(version ? [paint(COLORS.dim, `[${version}]`)] : []),
    parsed.requestId ?? "-".padEnd(36),
    `${level}${parsed.message}`,
  ].join(" ");
}

import type { FilteredLogEvent } from "@aws-sdk/client-cloudwatch-logs";
import { parseLogLine } from "@holonet/lambda-runtime/log-line";

const COLORS = { ERROR: 31, WARN: 33, INFO: 36, DEBUG: 90, dim: 2 } as const;
/** Shown in their own places, so left out of the compact rest of a JSON line. */
const SHOWN = new Set(["timestamp", "requestId", "service"]);

/** A JSON log line: level + message + the other fields as key=value. Lambda's runtime lines: their parts. */
function parseMessage(raw: string) {
  const line = parseLogLine(raw);
  const rest = line.fields.filter(([key]) => !SHOWN.has(key)).map(([key, value]) => `${key}=${value}`);
  return { ...line, message: [line.message, ...rest].join(" ") };
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

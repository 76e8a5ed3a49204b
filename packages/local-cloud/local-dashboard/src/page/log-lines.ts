/** A log line as the logs pane shows it. */
export type LogLine =
  /** A JSON log line of our services: level, message and the fields that are not about the invocation. */
  | { kind: "entry"; level: string; message: string; time?: string; fields: [string, string][] }
  /** The Embedded Metric Format line every invocation ends with: the metrics, then their dimensions. */
  | { kind: "metric"; metrics: [string, string][]; dimensions: [string, string][] }
  /** Lambda's own lines (INIT_START, START, END, REPORT), and anything else that is not JSON. */
  | { kind: "text"; text: string; platform: boolean };

/**
 * Fields every line of an invocation repeats, shown once above the logs (request id, trace id, cold start)
 * or by the function's name (service); here they would only push the message's own fields out of sight.
 */
const CONTEXT_FIELDS = new Set([
  "level",
  "message",
  "timestamp",
  "requestId",
  "xRayTraceId",
  "coldStart",
  "service",
]);

const UNITS: Record<string, string> = { Milliseconds: "ms", Seconds: "s", Bytes: "B", Percent: "%" };

/** A value as `key=value` shows it: strings bare unless they hold spaces, quotes or `=`, objects as JSON. */
export function fieldValue(value: unknown): string {
  if (typeof value === "string") return /[\s"=]/.test(value) || value === "" ? JSON.stringify(value) : value;
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}

/** `2026-11-30T15:13:34.436Z` -> `15:13:34.436` (UTC, as the line has it). */
const timeOf = (timestamp: unknown) =>
  typeof timestamp === "string" ? /T(\d\d:\d\d:\d\d(?:\.\d+)?)/.exec(timestamp)?.[1] : undefined;

function metricLine(record: Record<string, unknown>): LogLine | undefined {
  const aws = record._aws as { CloudWatchMetrics?: unknown } | undefined;
  if (!aws || !Array.isArray(aws.CloudWatchMetrics)) return undefined;
  const metrics: [string, string][] = [];
  const dimensionNames = new Set<string>();
  for (const directive of aws.CloudWatchMetrics as { Metrics?: unknown; Dimensions?: unknown }[]) {
    for (const metric of Array.isArray(directive.Metrics) ? directive.Metrics : []) {
      const { Name: name, Unit: unit } = metric as { Name?: unknown; Unit?: unknown };
      if (typeof name !== "string" || !(name in record)) continue;
      metrics.push([
        name,
        `${fieldValue(record[name])}${typeof unit === "string" ? (UNITS[unit] ?? "") : ""}`,
      ]);
    }
    for (const set of Array.isArray(directive.Dimensions) ? directive.Dimensions : []) {
      for (const dimension of Array.isArray(set) ? set : []) dimensionNames.add(String(dimension));
    }
  }
  const dimensions = [...dimensionNames]
    .filter((name) => name in record)
    .map((name): [string, string] => [name, fieldValue(record[name])]);
  return { kind: "metric", metrics, dimensions };
}

/** Reads one log line: our JSON lines and the EMF line into their parts, anything else as text. */
export function readLogLine(line: string): LogLine {
  const platform = /^(INIT_START|START|END|REPORT|INIT_REPORT|EXTENSION|TELEMETRY) /.test(line);
  const text: LogLine = { kind: "text", text: line.replaceAll("\t", "  "), platform };
  if (!line.startsWith("{")) return text;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return text;
  }
  if (typeof record !== "object" || record === null || Array.isArray(record)) return text;
  const fields = record as Record<string, unknown>;
  const metric = metricLine(fields);
  if (metric) return metric;
  if (typeof fields.message !== "string") return text;
  return {
    kind: "entry",
    level: typeof fields.level === "string" ? fields.level.toUpperCase() : "LOG",
    message: fields.message,
    time: timeOf(fields.timestamp),
    fields: Object.entries(fields)
      .filter(([name]) => !CONTEXT_FIELDS.has(name))
      .flatMap(([name, value]) => flatten(name, value)),
  };
}

/** An object field one level down as dotted keys (`span.hop=s3 span.durationMs=43.25`); deeper, as JSON. */
function flatten(name: string, value: unknown): [string, string][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [[name, fieldValue(value)]];
  return Object.entries(value).map(([key, inner]): [string, string] => [`${name}.${key}`, fieldValue(inner)]);
}

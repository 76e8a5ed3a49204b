/** A JSON object (not an array, not null). */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";

interface Directive {
  Namespace: string;
  Dimensions: string[][];
  Metrics: { Name: string; Unit?: string }[];
}

/**
 * The parts of an Embedded Metric Format document the local cloud reads (the spec has the whole): `_aws`
 * with a numeric Timestamp and CloudWatchMetrics directives, each with a Namespace, Dimensions (arrays of
 * key names) and Metrics (a Name, an optional Unit). Checked by hand: every metrics line of every
 * invocation passes here, where a schema library's parse cost more than the rest of the reading.
 */
function emfParts(document: unknown): { timestamp: number; directives: Directive[] } | undefined {
  if (!isObject(document)) return undefined;
  const aws = document._aws;
  if (!isObject(aws) || typeof aws.Timestamp !== "number" || !Number.isFinite(aws.Timestamp))
    return undefined;
  const directives = aws.CloudWatchMetrics;
  if (!Array.isArray(directives)) return undefined;
  for (const directive of directives) {
    if (!isObject(directive) || !isString(directive.Namespace)) return undefined;
    const { Dimensions, Metrics } = directive;
    if (!Array.isArray(Dimensions) || !Array.isArray(Metrics)) return undefined;
    for (const set of Dimensions) if (!Array.isArray(set) || !set.every(isString)) return undefined;
    for (const metric of Metrics) {
      if (!isObject(metric) || !isString(metric.Name)) return undefined;
      if (metric.Unit !== undefined && !isString(metric.Unit)) return undefined;
    }
  }
  return { timestamp: aws.Timestamp, directives: directives as Directive[] };
}

export interface EmfMetrics {
  namespace: string;
  timestamp: number;
  /** Every dimension key's value, from the document's root. */
  dimensions: Record<string, string>;
  /** Every metric's value; an array of values counts each. */
  values: Record<string, number[]>;
}

/**
 * Reads a log line as CloudWatch Logs does on AWS: a line that is an EMF document yields its metrics, any
 * other line nothing. Cheap for the common case: a line that does not start like one is not parsed.
 */
export function readEmfLine(line: string): EmfMetrics[] {
  if (!line.startsWith('{"_aws"')) return [];
  let root: Record<string, unknown>;
  let parts: ReturnType<typeof emfParts>;
  try {
    root = JSON.parse(line);
    parts = emfParts(root);
  } catch {
    return [];
  }
  if (parts === undefined) return [];
  const { timestamp } = parts;
  return parts.directives.map((directive) => {
    const dimensions: Record<string, string> = {};
    for (const key of directive.Dimensions.flat()) {
      if (typeof root[key] === "string") dimensions[key] = root[key];
    }
    const values: Record<string, number[]> = {};
    for (const { Name } of directive.Metrics) {
      const value = root[Name];
      const numbers = (Array.isArray(value) ? value : [value]).filter((each) => typeof each === "number");
      if (numbers.length > 0) values[Name] = numbers;
    }
    return { namespace: directive.Namespace, timestamp, dimensions, values };
  });
}

import * as z from "zod";

/** The parts of an Embedded Metric Format document the local cloud reads (the spec has the whole). */
const EmfDocument = z.looseObject({
  _aws: z.object({
    Timestamp: z.number(),
    CloudWatchMetrics: z.array(
      z.object({
        Namespace: z.string(),
        Dimensions: z.array(z.array(z.string())),
        Metrics: z.array(z.object({ Name: z.string(), Unit: z.string().optional() })),
      }),
    ),
  }),
});

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
  let parsed: z.infer<typeof EmfDocument>;
  try {
    parsed = EmfDocument.parse(JSON.parse(line));
  } catch {
    return [];
  }
  const root = parsed as Record<string, unknown>;
  return parsed._aws.CloudWatchMetrics.map((directive) => {
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
    return { namespace: directive.Namespace, timestamp: parsed._aws.Timestamp, dimensions, values };
  });
}

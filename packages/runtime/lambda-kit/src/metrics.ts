/**
 * Each invocation's metrics as one line in CloudWatch's Embedded Metric Format: on AWS, CloudWatch Logs
 * turns the line into metrics with no API call; the local cloud reads the same lines for its dashboard.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 *
 * Throttles and concurrent executions are not here: a throttled invocation never reaches the function, and
 * no instance sees the others. Lambda itself publishes them (AWS/Lambda Throttles, ConcurrentExecutions).
 */
export const METRIC_NAMESPACE = "Holonet";

/** Per function (`service`), and per alias or version it was invoked through (`service`, `qualifier`). */
export const METRIC_DIMENSIONS = [["service"], ["service", "qualifier"]] as const;

export const INVOCATION_METRICS = [
  { Name: "Invocations", Unit: "Count" },
  { Name: "Errors", Unit: "Count" },
  { Name: "ColdStart", Unit: "Count" },
  { Name: "Duration", Unit: "Milliseconds" },
] as const;

export interface InvocationMetrics {
  service: string;
  qualifier: string;
  /** Thrown, or answered an HTTP request with a 5xx. */
  failed: boolean;
  coldStart: boolean;
  durationMs: number;
  timestamp: number;
  /** Extra members that are not metrics: the request id and trace id, to find the invocation's logs. */
  properties?: Record<string, unknown>;
}

export function invocationMetricsLine(metrics: InvocationMetrics): string {
  return JSON.stringify({
    _aws: {
      Timestamp: metrics.timestamp,
      CloudWatchMetrics: [
        { Namespace: METRIC_NAMESPACE, Dimensions: METRIC_DIMENSIONS, Metrics: INVOCATION_METRICS },
      ],
    },
    service: metrics.service,
    qualifier: metrics.qualifier,
    Invocations: 1,
    Errors: metrics.failed ? 1 : 0,
    ColdStart: metrics.coldStart ? 1 : 0,
    // Two decimals are more than CloudWatch's statistics need, and keep the line short.
    Duration: Math.round(metrics.durationMs * 100) / 100,
    ...metrics.properties,
  });
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<alias or version>]` -> the qualifier, or `$LATEST`. */
export function qualifierOf(invokedFunctionArn: string | undefined): string {
  const parts = (invokedFunctionArn ?? "").split(":");
  return parts.length === 8 && parts[7] ? parts[7] : "$LATEST";
}

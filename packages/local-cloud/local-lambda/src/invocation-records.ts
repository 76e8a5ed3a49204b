// What the service reports of each execution (its log lines, its record), for the local cloud's logs,
// telemetry and cost meter.

export interface LogEntry {
  functionName: string;
  version: string;
  /** The version's log group: its LoggingConfig's, or Lambda's default `/aws/lambda/<function name>`. */
  logGroup: string;
  requestId: string;
  text: string;
}

/** Which execution: the function and the qualifier the caller named (an alias, a version or $LATEST). */
export interface ExecutionRef {
  functionName: string;
  qualifier: string;
}

export interface InvocationRecord extends ExecutionRef {
  requestId: string;
  version: string;
  /** Epoch ms when the execution began on an instance. */
  startedAt: number;
  traceHeader?: string;
  event: unknown;
  /** The function's result, or Lambda's error payload. */
  result: unknown;
  durationMs: number;
  billedDurationMs: number;
  memoryMb: number;
  coldStart: boolean;
  initDurationMs?: number;
  /** The function error's type, if the invocation failed. */
  error?: string;
}

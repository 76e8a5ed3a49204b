/** Structured JSON logs, one line an entry, as CloudWatch Logs reads them. The level comes from LOG_LEVEL. */
// Kept over @aws-lambda-powertools/logger: these ~80 lines already give its fields (coldStart, xRayTraceId) with no dependency in every bundle.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface Logger {
  /** The service every entry names. */
  readonly service: string;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose entries also carry `fields` (the request id, say). */
  with(fields: Record<string, unknown>): Logger;
}

export function parseLogLevel(value: string | undefined): LogLevel {
  const level = value?.toLowerCase();
  return level && level in LEVELS ? (level as LogLevel) : "info";
}

export function createLogger(options: {
  service: string;
  level?: LogLevel;
  fields?: Record<string, unknown>;
  write?: (line: string) => void;
}): Logger {
  const threshold = LEVELS[options.level ?? "info"];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const entry = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    write(
      JSON.stringify({
        timestamp: new Date().toISOString(),
        level: level.toUpperCase(),
        service: options.service,
        message,
        ...options.fields,
        ...fields,
      }),
    );
  };
  return {
    service: options.service,
    debug: entry("debug"),
    info: entry("info"),
    warn: entry("warn"),
    error: entry("error"),
    with: (fields) => createLogger({ ...options, fields: { ...options.fields, ...fields } }),
  };
}

/** An error as a log field: its name, message and stack, which JSON.stringify would drop. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  return { error: { name: error.name, message: error.message, stack: error.stack } };
}

/**
 * The fields every entry of one invocation carries: the request id, whether this instance is cold, and the
 * X-Ray trace id when the request carried one. Lambda sets `_X_AMZN_TRACE_ID` per invocation
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime);
 * an HTTP API request also carries it as the `x-amzn-trace-id` header.
 */
export function invocationFields(input: {
  requestId: string;
  coldStart: boolean;
  traceEnv?: string | undefined;
  traceHeader?: string | undefined;
}): Record<string, unknown> {
  const xRayTraceId = traceIdOf(input.traceEnv) ?? traceIdOf(input.traceHeader);
  return { requestId: input.requestId, coldStart: input.coldStart, ...(xRayTraceId && { xRayTraceId }) };
}

/** `Root=1-5e1b4151-...;Parent=...;Sampled=1` -> `1-5e1b4151-...`, as Powertools logs it; a bare id as it is. */
export function traceIdOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const root = /(?:^|;)\s*Root=([^;]+)/.exec(value)?.[1];
  return root ?? (value.includes("=") ? undefined : value);
}

/** True on the first call only: an instance's first invocation is its cold start. */
export function coldStartTracker(): () => boolean {
  let cold = true;
  return () => {
    const was = cold;
    cold = false;
    return was;
  };
}

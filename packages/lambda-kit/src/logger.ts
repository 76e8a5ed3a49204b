/** Structured JSON logs, one line an entry, as CloudWatch Logs reads them. The level comes from LOG_LEVEL. */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface Logger {
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

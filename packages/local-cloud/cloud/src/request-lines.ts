import { formatDuration, readableLogLine } from "@holonet/lambda-runtime/log-line";

/** One request the HTTP API answered, as the terminal shows it. */
export interface RequestSummary {
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  /** Why the integration failed, which the client never sees. */
  integrationError?: string | undefined;
}

/** One finished invocation of a function, with the lines it logged. */
export interface InvocationSummary {
  service: string;
  /** The alias or version the caller named. */
  qualifier: string;
  version: string;
  durationMs: number;
  coldStart: boolean;
  initDurationMs?: number | undefined;
  /** The function error's type, if it failed. */
  error?: string | undefined;
  /** What the function logged, START/END/REPORT included, as Lambda writes them. */
  logs: string[];
  /** For an HTTP API event: its method, path and query string, to name the request it answers. */
  request?: { method: string; path: string; query: string } | undefined;
}

export interface Style {
  color: boolean;
}

const INDENT = "    ";

const paint = (style: Style, code: number, text: string) =>
  style.color ? `\u001b[${code}m${text}\u001b[0m` : text;

const statusColor = (status: number) => (status >= 500 ? 31 : status >= 400 ? 33 : status >= 300 ? 36 : 32);

const coldStartNote = ({ coldStart, initDurationMs }: InvocationSummary) =>
  !coldStart
    ? ""
    : initDurationMs === undefined
      ? ", cold start"
      : `, cold start ${formatDuration(initDurationMs)}`;

/** "quote v3, cold start 38 ms", "store-save v1, function error TypeError". */
const invocationNote = (invocation: InvocationSummary) =>
  `${invocation.service} v${invocation.version}${coldStartNote(invocation)}${invocation.error ? `, function error ${invocation.error}` : ""}`;

/** The lines of one request: `GET /quote?isJedi=true -> 200 in 12 ms (quote v1, cold start 38 ms)`, then its logs. */
export function requestLines(
  request: RequestSummary,
  invocation: InvocationSummary | undefined,
  style: Style,
): string[] {
  const query = invocation?.request?.query ? `?${invocation.request.query}` : "";
  const notes = [
    ...(invocation ? [invocationNote(invocation)] : []),
    ...(request.integrationError ? [request.integrationError] : []),
  ];
  const head = `${request.method} ${request.path}${query} -> ${paint(style, statusColor(request.status), String(request.status))} in ${formatDuration(request.latencyMs)}`;
  return [
    notes.length === 0 ? head : `${head} ${paint(style, 2, `(${notes.join("; ")})`)}`,
    ...logLines(invocation, style),
  ];
}

/**
 * The lines of an invocation that no API request of this terminal answered: a direct Invoke (the SDK, a
 * deploy's smoke test), or one that ended after the API had already answered (its integration timed out).
 */
export function invocationLines(invocation: InvocationSummary, style: Style): string[] {
  const via = invocation.request ? ` for ${invocation.request.method} ${invocation.request.path}` : "";
  const outcome = invocation.error
    ? paint(style, 31, `function error ${invocation.error}`)
    : paint(style, 32, "answered");
  return [
    `INVOKE ${invocation.service}:${invocation.qualifier}${via} -> ${outcome} in ${formatDuration(invocation.durationMs)} ${paint(style, 2, `(v${invocation.version}${coldStartNote(invocation)})`)}`,
    ...logLines(invocation, style),
  ];
}

/** The function's own lines, indented under the request; Lambda's START/END/REPORT are folded into it. */
const logLines = (invocation: InvocationSummary | undefined, style: Style) =>
  (invocation?.logs ?? []).flatMap((text) => {
    const line = readableLogLine(text, style);
    return line === undefined ? [] : [`${INDENT}${line}`];
  });

import type { InvokeOutcome } from "@holonet/lambda-runtime/function-instance";
import { formatDuration, readableLogLine } from "@holonet/lambda-runtime/log-line";

/** One sample event's invocation, for `pnpm invoke --all-samples`. */
export interface SampleRun {
  service: string;
  /** The event file as the user would type it. */
  file: string;
  outcome: InvokeOutcome;
}

const paint = (color: boolean, code: number, text: string) =>
  color ? `\u001b[${code}m${text}\u001b[0m` : text;

const statusOf = (payload: unknown) => {
  const status = (payload as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? ` ${status}` : "";
};

/** `quote · services/quote/events/http-jedi.json -> answered 200 in 8.3 ms (cold start 25 ms)` */
export function sampleHeading({ service, file, outcome }: SampleRun, color: boolean): string {
  const result = outcome.error
    ? paint(color, 31, "function error")
    : paint(color, 32, `answered${statusOf(outcome.payload)}`);
  const coldStart =
    outcome.initDurationMs === undefined
      ? ""
      : ` ${paint(color, 2, `(cold start ${formatDuration(outcome.initDurationMs)})`)}`;
  return `${service} · ${file} -> ${result} in ${formatDuration(outcome.durationMs)}${coldStart}`;
}

/** The function's own log lines, indented; Lambda's START/END/REPORT are in the heading already. */
export function sampleLogLines(outcome: InvokeOutcome, color: boolean): string[] {
  return outcome.logs
    .split("\n")
    .filter((line) => line !== "")
    .flatMap((text) => {
      const line = readableLogLine(text, { color });
      return line === undefined ? [] : [`    ${line}`];
    });
}

/** An HTTP API answer (payload format 2.0) as its status and body, the body as the client reads it. */
function httpAnswer(payload: unknown): string | undefined {
  const { statusCode, body, isBase64Encoded } = (payload ?? {}) as Record<string, unknown>;
  if (typeof statusCode !== "number") return undefined;
  if (typeof body !== "string" || body === "") return `${statusCode}`;
  return `${statusCode} ${isBase64Encoded === true ? Buffer.from(body, "base64").toString("utf8") : body}`;
}

/**
 * The result on one line: an HTTP answer as its status and body, any other payload as compact JSON, a
 * function error as `Type: message` without its trace (--verbose shows the whole result).
 */
export function sampleResultLine(outcome: InvokeOutcome): string {
  if (outcome.error) return `  => ${outcome.error.errorType}: ${outcome.error.errorMessage}`;
  return `  => ${httpAnswer(outcome.payload) ?? JSON.stringify(outcome.payload ?? null)}`;
}

/** `16 invoked, 15 answered, 1 function error` */
export function samplesSummary(runs: SampleRun[]): string {
  const errors = runs.filter((run) => run.outcome.error !== undefined).length;
  return `${runs.length} invoked, ${runs.length - errors} answered, ${errors} function error${errors === 1 ? "" : "s"}`;
}

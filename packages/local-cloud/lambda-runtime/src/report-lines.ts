import { billedDurationMs } from "./billed-duration";
import type { InvokeOutcome } from "./invoke-outcome";
import { TIMEOUT_ERROR_TYPE } from "./lambda-error";

interface ReportedFunction {
  functionVersion: string;
  memoryMb: number;
}

/**
 * Lambda's lines around an invocation, tab-separated fields as Lambda logs them: INIT_START before a cold
 * start (https://docs.aws.amazon.com/lambda/latest/dg/runtime-management-identify.html), then START, END and
 * REPORT.
 */
export function reportLines(fn: ReportedFunction, outcome: InvokeOutcome) {
  const { requestId, durationMs, initDurationMs, maxMemoryMb, runtimeVersion } = outcome;
  const report = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedDurationMs(outcome)} ms`,
    `Memory Size: ${fn.memoryMb} MB`,
    ...(maxMemoryMb !== undefined ? [`Max Memory Used: ${maxMemoryMb} MB`] : []),
    ...(initDurationMs !== undefined ? [`Init Duration: ${initDurationMs.toFixed(2)} ms`] : []),
    ...(outcome.error?.errorType === TIMEOUT_ERROR_TYPE ? ["Status: timeout"] : []),
  ].join("\t");
  return {
    ...(runtimeVersion && {
      initStart: `INIT_START Runtime Version: ${runtimeVersion.version}\tRuntime Version ARN: ${runtimeVersion.arn}`,
    }),
    start: `START RequestId: ${requestId} Version: ${fn.functionVersion}`,
    end: `END RequestId: ${requestId}`,
    report,
  };
}

/**
 * The lines of invocationLog, one string each without its line break, built as lines: a caller that hands
 * out one line at a time need not join the log and split it again.
 */
export function invocationLogLines(fn: ReportedFunction, outcome: InvokeOutcome): string[] {
  const lines = reportLines(fn, outcome);
  const logs = outcome.logs;
  const output = logs === "" ? [] : (logs.endsWith("\n") ? logs.slice(0, -1) : logs).split("\n");
  const head = lines.initStart === undefined ? [lines.start] : [lines.initStart, lines.start];
  return [...head, ...output, lines.end, lines.report];
}

/** An invocation's whole log as Lambda writes it to the stream: its lines around the function's output. */
export function invocationLog(fn: ReportedFunction, outcome: InvokeOutcome): string {
  const lines = reportLines(fn, outcome);
  const logs = outcome.logs === "" || outcome.logs.endsWith("\n") ? outcome.logs : `${outcome.logs}\n`;
  const initStart = lines.initStart === undefined ? "" : `${lines.initStart}\n`;
  return `${initStart}${lines.start}\n${logs}${lines.end}\n${lines.report}\n`;
}

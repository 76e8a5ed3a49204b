import { exitError, type LambdaErrorPayload, timeoutError } from "./lambda-error";
import type { ResultMessage } from "./runner-protocol";

export interface InvokeOutcome {
  requestId: string;
  /** The handler's result, or undefined when it failed. */
  payload?: unknown;
  /** The handler's result as the runner serialised it (JSON.parse of it is `payload`); undefined when it failed. */
  payloadJson?: string;
  /** The function error, as Lambda reports it. */
  error?: LambdaErrorPayload;
  /** Everything the function wrote during the invocation, in order. */
  logs: string;
  durationMs: number;
  /** Only on the instance's first (cold) invocation. */
  initDurationMs?: number;
  maxMemoryMb?: number;
  /** Only on the instance's first invocation, whose init phase Lambda's INIT_START line announces. */
  runtimeVersion?: { version: string; arn: string };
}

/** One invocation, as every one of its outcomes reports it. */
export interface InvocationRun {
  requestId: string;
  started: number;
  /** The init's length as the parent saw it: a cold invocation that times out still reports it, as on Lambda. */
  initMs?: number;
  cold: false | { runtimeVersion: { version: string; arn: string } };
}

/** The peak memory an outcome reports, when one is known. */
export type MemoryPeak = { maxMemoryMb?: number };

/** The runner answered: the handler's result or error, with the runner's own measures. */
export function finishedOutcome(run: InvocationRun, result: ResultMessage, logs: string): InvokeOutcome {
  const { durationMs, initDurationMs, maxMemoryMb } = result;
  const measures = { durationMs, maxMemoryMb, ...(initDurationMs !== undefined && { initDurationMs }) };
  if (!result.ok) return { requestId: run.requestId, logs, error: result.error, ...measures, ...run.cold };
  const outcome: InvokeOutcome = {
    requestId: run.requestId,
    logs,
    payloadJson: result.payloadJson,
    ...measures,
  };
  return withLazyPayload(Object.assign(outcome, run.cold), result.payloadJson);
}

/**
 * `payload` parsed from the result's text once, on first read: the local cloud hands the text on to its
 * caller, and most invocations never need the value. (A spread of the outcome reads it.)
 */
function withLazyPayload(outcome: InvokeOutcome, payloadJson: string): InvokeOutcome {
  let parsed: { value: unknown } | undefined;
  return Object.defineProperty(outcome, "payload", {
    enumerable: true,
    configurable: true,
    get() {
      parsed ??= { value: JSON.parse(payloadJson) };
      return parsed.value;
    },
  });
}

/** The process ended mid-invocation; the duration is as long as the parent waited. */
export function exitedOutcome(
  run: InvocationRun,
  detail: string,
  logs: string,
  peak: MemoryPeak,
): InvokeOutcome {
  const durationMs = performance.now() - run.started;
  // The logs tell a full heap (Runtime.OutOfMemory) from any other exit.
  const error = exitError(run.requestId, detail, logs);
  return { requestId: run.requestId, error, logs, durationMs, ...peak, ...run.cold };
}

/** A limit ran out after `seconds`, which is the duration Lambda reports for a timeout. */
export function timedOutOutcome(
  run: InvocationRun,
  seconds: number,
  logs: string,
  peak: MemoryPeak,
): InvokeOutcome {
  return {
    requestId: run.requestId,
    error: timeoutError(run.requestId, seconds),
    logs,
    durationMs: seconds * 1000,
    ...(run.initMs !== undefined && { initDurationMs: run.initMs }),
    ...peak,
    ...run.cold,
  };
}

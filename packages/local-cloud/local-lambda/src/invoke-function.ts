import { randomUUID } from "node:crypto";
import { billedDurationMs } from "@holonet/lambda-runtime/billed-duration";
import type { InvokeOutcome } from "@holonet/lambda-runtime/function-instance";
import { findRuntimeNode, RuntimeUnavailableError } from "@holonet/lambda-runtime/node-runtimes";
import { invocationLog, invocationLogLines } from "@holonet/lambda-runtime/report-lines";
import {
  invalidParameter,
  invalidRequestContent,
  invalidRuntime,
  LambdaApiError,
  requestTooLarge,
} from "./api-errors";
import { type Resolved, resolveRef } from "./function-lookup";
import { parseFunctionRef, qualifiedArn } from "./function-names";
import { type FunctionStore, logGroupOf } from "./function-store";
import type { AcquireRequest, InstancePool } from "./instance-pool";
import type { ExecutionRef, InvocationRecord, LogEntry } from "./invocation-records";
import type { InvokeRequest, InvokeResult, SerializedEvent } from "./invoke-request";

export interface InvokeContext {
  store: FunctionStore;
  region: string;
  pool: InstancePool;
  /** The execution role's temporary credentials, as Lambda puts them in every function's environment. */
  roleEnvironment: Record<string, string>;
  onLog?: (entry: LogEntry) => void;
  onInvocation?: (record: InvocationRecord) => void;
  onInvocationStart?: (execution: ExecutionRef) => void;
  onThrottle?: (execution: ExecutionRef) => void;
  /** Event invocations still running or waiting, so that close() can wait for them. */
  background: Set<Promise<void>>;
  isClosing: () => boolean;
  /** The waits before each retry of an Event invocation's function error; Lambda's by default. */
  eventRetryDelaysMs?: readonly number[];
}

const SYNC_PAYLOAD_LIMIT = 6_291_456;
const ASYNC_PAYLOAD_LIMIT = 1_048_576;
const RESPONSE_LIMIT = 6_291_556;
const TAIL_BYTES = 4096;
/** A throttled Event invocation is retried, as Lambda's internal queue does, for about a minute. */
const EVENT_RETRY = { attempts: 60, delayMs: 1000 };
/**
 * "If the function returns an error, by default Lambda attempts to run it two more times, with a one-minute
 * wait between the first two attempts, and two minutes between the second and third attempts. Function
 * errors include errors returned by the function's code and errors returned by the function's runtime, such
 * as timeouts" (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). Lambda's
 * MaximumRetryAttempts (0 to 2, PutFunctionEventInvokeConfig) would shorten this list; that operation is not
 * implemented here, so every function gets the default.
 */
export const EVENT_ERROR_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];
/** How often a wait between retries looks whether the service is closing, so that close() need not wait. */
const CLOSING_POLL_MS = 100;

export async function invokeFunction(ctx: InvokeContext, request: InvokeRequest): Promise<InvokeResult> {
  const type = request.invocationType ?? "RequestResponse";
  if (!["RequestResponse", "Event", "DryRun"].includes(type)) {
    throw invalidParameter(`Unsupported invocation type: ${type}`);
  }
  const ref = parseFunctionRef(request.functionName, request.qualifier);
  const resolved = resolveRef(ctx.store, ctx.region, ref, true);
  const executedVersion = resolved.record.version;
  // A function stored before its runtime was blocked, or on a machine that had its Node.js build.
  const node = findRuntimeNode(resolved.record.settings.runtime);
  if (node instanceof RuntimeUnavailableError)
    throw invalidRuntime(`The runtime or runtime version specified is not supported. ${node.message}`);
  const limit = type === "Event" ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
  const event = eventOf(request.payload, limit);
  const invokedArn = qualifiedArn(ctx.region, resolved.fn.name, ref.qualifier);
  const execution: Execution = {
    functionName: resolved.fn.name,
    qualifier: ref.qualifier ?? "$LATEST",
    invokedArn,
    ...(request.traceHeader !== undefined && { traceHeader: request.traceHeader }),
  };

  if (type === "DryRun") return { statusCode: 204, payload: Buffer.alloc(0), executedVersion };
  if (type === "Event") {
    const task = runEvent(ctx, resolved, event, execution).finally(() => ctx.background.delete(task));
    ctx.background.add(task);
    return { statusCode: 202, payload: Buffer.alloc(0), executedVersion };
  }
  const { outcome, logText } = await run(ctx, resolved, event, execution);
  // The result's text as the runner wrote it: JSON.stringify of its parse would give the same text again.
  let body = outcome.error
    ? JSON.stringify(outcome.error)
    : (outcome.payloadJson ?? JSON.stringify(outcome.payload ?? null));
  let failed = outcome.error !== undefined;
  if (Buffer.byteLength(body) > RESPONSE_LIMIT) {
    failed = true;
    body = JSON.stringify({
      errorMessage: `Response payload size exceeded maximum allowed payload size (${RESPONSE_LIMIT} bytes).`,
      errorType: "Function.ResponseSizeTooLarge",
    });
  }
  return {
    statusCode: 200,
    payload: Buffer.from(body),
    ...(failed && { functionError: "Unhandled" as const }),
    executedVersion,
    ...(request.logType === "Tail" && {
      logResult: Buffer.from(logText()).subarray(-TAIL_BYTES).toString("base64"),
    }),
  };
}

/**
 * The event as the function gets it (JSON text) and as the service records it (its value). The Invoke API's
 * body is checked and parsed here, and its own text goes on; a caller's serialised event goes on as it is.
 */
function eventOf(payload: Buffer | SerializedEvent, limit: number): SerializedEvent {
  if (Buffer.isBuffer(payload)) {
    if (payload.length > limit) throw requestTooLarge(limit);
    const value = parsePayload(payload);
    return { json: payload.length === 0 ? "{}" : payload.toString("utf8"), value };
  }
  if (Buffer.byteLength(payload.json) > limit) throw requestTooLarge(limit);
  return payload;
}

function parsePayload(payload: Buffer): unknown {
  // An invocation with no payload hands the function an empty object, as Lambda does.
  if (payload.length === 0) return {};
  try {
    return JSON.parse(payload.toString("utf8"));
  } catch (error) {
    throw invalidRequestContent(`Could not parse request body into json: ${(error as Error).message}`);
  }
}

interface Execution extends ExecutionRef {
  invokedArn: string;
  traceHeader?: string;
}

/** One execution on a pooled instance, with Lambda's START/END/REPORT lines around its logs. */
async function run(ctx: InvokeContext, resolved: Resolved, event: SerializedEvent, execution: Execution) {
  const { fn, record } = resolved;
  const ref: ExecutionRef = { functionName: execution.functionName, qualifier: execution.qualifier };
  const totalReserved = ctx.store.totalReserved();
  const lease = await acquire(ctx, ref, {
    key: {
      functionName: fn.name,
      version: record.version,
      revisionId: record.revisionId,
      runtime: record.settings.runtime,
    },
    // Only a new instance needs its options: a warm one is found by its key.
    options: () => ({
      runtime: record.settings.runtime,
      taskRoot: ctx.store.codeDirectory(fn.name, record.code),
      handler: record.settings.handler,
      environment: { ...record.settings.environment, ...ctx.roleEnvironment },
      identity: { functionName: fn.name, functionVersion: record.version, region: ctx.region },
      timeoutSeconds: record.settings.timeout,
      memoryMb: record.settings.memorySize,
      logGroupName: logGroupOf(fn.name, record.settings),
    }),
    reservedConcurrency: fn.reservedConcurrency,
    totalReserved,
  });
  const startedAt = Date.now();
  // Paired with onInvocation below: the pool leases only idle, live instances, whose invoke resolves
  // (a timeout or a crash is an outcome, not a rejection).
  ctx.onInvocationStart?.(ref);
  let outcome: InvokeOutcome;
  try {
    outcome = await lease.instance.invokeJson(event.json, {
      requestId: randomUUID(),
      invokedFunctionArn: execution.invokedArn,
      ...(execution.traceHeader !== undefined && { traceHeader: execution.traceHeader }),
    });
  } finally {
    lease.release();
  }
  const memoryMb = record.settings.memorySize;
  const reported = { functionVersion: record.version, memoryMb };
  if (ctx.onLog) {
    const logGroup = logGroupOf(fn.name, record.settings);
    for (const text of invocationLogLines(reported, outcome)) {
      ctx.onLog({
        functionName: fn.name,
        version: record.version,
        logGroup,
        requestId: outcome.requestId,
        text,
      });
    }
  }
  ctx.onInvocation?.(
    // The result is read when someone looks at the invocation (the dashboard), so it is parsed only then.
    Object.defineProperty(
      {
        ...ref,
        requestId: outcome.requestId,
        version: record.version,
        startedAt,
        ...(execution.traceHeader !== undefined && { traceHeader: execution.traceHeader }),
        event: event.value,
        result: null as unknown,
        durationMs: outcome.durationMs,
        billedDurationMs: billedDurationMs(outcome),
        memoryMb,
        coldStart: lease.coldStart,
        ...(outcome.initDurationMs !== undefined && { initDurationMs: outcome.initDurationMs }),
        ...(outcome.error && { error: outcome.error.errorType }),
      },
      "result",
      { enumerable: true, get: () => outcome.error ?? outcome.payload ?? null },
    ),
  );
  return { outcome, logText: () => invocationLog(reported, outcome) };
}

/** Takes an instance, or counts the throttle that Lambda answers when none may run. */
async function acquire(ctx: InvokeContext, ref: ExecutionRef, request: AcquireRequest) {
  try {
    return await ctx.pool.acquire(request);
  } catch (error) {
    if (error instanceof LambdaApiError && error.name === "TooManyRequestsException") ctx.onThrottle?.(ref);
    throw error;
  }
}

/**
 * Runs an Event invocation, retrying a throttle (each a second apart, a bounded number of times) and a
 * function error (after each of the retry delays, then no more); anything else drops the event.
 */
async function runEvent(
  ctx: InvokeContext,
  resolved: Resolved,
  event: SerializedEvent,
  execution: Execution,
) {
  const errorDelays = ctx.eventRetryDelaysMs ?? EVENT_ERROR_RETRY_DELAYS_MS;
  let throttles = 0;
  let errors = 0;
  // Bounded: every pass either returns or spends one of a finite number of throttle or error retries.
  while (!ctx.isClosing()) {
    let delayMs: number;
    try {
      const { outcome } = await run(ctx, resolved, event, execution);
      if (outcome.error === undefined || errors >= errorDelays.length) return;
      delayMs = errorDelays[errors] as number;
      errors += 1;
    } catch (error) {
      const throttled = error instanceof LambdaApiError && error.name === "TooManyRequestsException";
      if (!throttled || throttles >= EVENT_RETRY.attempts) return;
      delayMs = EVENT_RETRY.delayMs;
      throttles += 1;
    }
    await waitUnlessClosing(ctx, delayMs);
  }
}

/** Waits `ms`, or less once the service starts closing: a retry minutes away must not hold close() up. */
async function waitUnlessClosing(ctx: InvokeContext, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!ctx.isClosing()) {
    const left = until - Date.now();
    if (left <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, CLOSING_POLL_MS)));
  }
}

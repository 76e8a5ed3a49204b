import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type FunctionIdentity, logStreamName, newInvocation } from "./lambda-context";
import { exitError, type LambdaErrorPayload, timeoutError } from "./lambda-error";
import type { InvokeMessage, ResultMessage } from "./runner-protocol";

export interface BundleFunction extends FunctionIdentity {
  /** The directory holding the code (Lambda's LAMBDA_TASK_ROOT). */
  taskRoot: string;
  /** `file.export`, e.g. handler.handler. */
  handler: string;
  timeoutSeconds: number;
  /** The function's own environment variables, from its configuration. */
  environment: Record<string, string>;
}

export interface InvokeOutcome {
  requestId: string;
  /** The handler's result, or undefined when it failed. */
  payload?: unknown;
  /** The function error, as Lambda reports it. */
  error?: LambdaErrorPayload;
  /** Everything the function wrote, in order. */
  logs: string;
  durationMs: number;
  initDurationMs?: number;
  maxMemoryMb?: number;
}

const RUNNER = fileURLToPath(new URL("../dist/runner.mjs", import.meta.url));

/** Variables Lambda sets in every function's environment, beside the function's own. */
function lambdaEnvironment(fn: BundleFunction, logStream: string): Record<string, string> {
  const passThrough = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[0].startsWith("AWS_") && entry[1] !== undefined,
  );
  return {
    ...Object.fromEntries(passThrough),
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    TZ: ":UTC",
    LANG: "en_US.UTF-8",
    AWS_REGION: fn.region,
    AWS_DEFAULT_REGION: fn.region,
    AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: fn.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStream,
    LAMBDA_TASK_ROOT: fn.taskRoot,
    _HANDLER: fn.handler,
    ...fn.environment,
  };
}

/**
 * Runs one invocation in a fresh runner process (a cold start), as Lambda runs a new instance: its own
 * process, its own environment, ended by the function's timeout.
 */
export function invokeOnce(fn: BundleFunction, event: unknown): Promise<InvokeOutcome> {
  const stream = logStreamName(fn.functionVersion);
  const invocation = newInvocation(fn, fn.timeoutSeconds, stream);
  const requestId = invocation.awsRequestId;
  const child = fork(RUNNER, [], {
    env: lambdaEnvironment(fn, stream),
    execArgv: ["--enable-source-maps"],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let logs = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    logs += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    logs += chunk.toString("utf8");
  });
  const started = performance.now();

  return new Promise((resolve) => {
    let settled = false;
    let closed = false;
    child.once("close", () => {
      closed = true;
    });
    const finish = (outcome: Omit<InvokeOutcome, "requestId" | "logs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Resolve once the pipes are closed, so that the last log lines are in.
      const done = () => resolve({ requestId, logs, ...outcome });
      if (closed) done();
      else child.once("close", done).kill("SIGKILL");
    };
    const timer = setTimeout(
      () =>
        finish({ error: timeoutError(requestId, fn.timeoutSeconds), durationMs: fn.timeoutSeconds * 1000 }),
      fn.timeoutSeconds * 1000,
    );
    child.on("message", (message: ResultMessage) => {
      const { durationMs, initDurationMs, maxMemoryMb } = message;
      const measures = { durationMs, maxMemoryMb, ...(initDurationMs !== undefined && { initDurationMs }) };
      finish(message.ok ? { payload: message.payload, ...measures } : { error: message.error, ...measures });
    });
    child.on("exit", (code, signal) => {
      const detail = signal ? `signal: ${signal}` : `exit status ${code}`;
      finish({ error: exitError(requestId, detail), durationMs: performance.now() - started });
    });
    child.on("error", (error) =>
      finish({ error: exitError(requestId, error.message), durationMs: performance.now() - started }),
    );
    const message: InvokeMessage = {
      type: "invoke",
      taskRoot: fn.taskRoot,
      handler: fn.handler,
      event,
      invocation,
    };
    child.send(message);
  });
}

/** Lambda's START / END / REPORT lines for an invocation. */
export function reportLines(
  fn: Pick<BundleFunction, "functionVersion" | "memoryMb">,
  outcome: InvokeOutcome,
) {
  const { requestId, durationMs, initDurationMs, maxMemoryMb } = outcome;
  const billed = Math.ceil(durationMs + (initDurationMs ?? 0));
  const report = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billed} ms`,
    `Memory Size: ${fn.memoryMb} MB`,
    ...(maxMemoryMb !== undefined ? [`Max Memory Used: ${maxMemoryMb} MB`] : []),
    ...(initDurationMs !== undefined ? [`Init Duration: ${initDurationMs.toFixed(2)} ms`] : []),
  ].join("\t");
  return {
    start: `START RequestId: ${requestId} Version: ${fn.functionVersion}`,
    end: `END RequestId: ${requestId}`,
    report,
  };
}

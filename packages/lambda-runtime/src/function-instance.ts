import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import {
  defaultLogGroup,
  type FunctionIdentity,
  functionArn,
  type InvocationInfo,
  logStreamName,
} from "./lambda-context";
import { lambdaEnvironment } from "./lambda-environment";
import { exitDetail, exitError, type LambdaErrorPayload, timeoutError } from "./lambda-error";
import { runtimeNode, runtimeVersion } from "./node-runtimes";
import { peakMemoryMb } from "./process-memory";
import {
  endOfInvocationMark,
  FRAME_END,
  type InitializedMessage,
  type InvokeMessage,
  type ResultMessage,
} from "./runner-protocol";

export interface InstanceOptions {
  /** Lambda's runtime identifier (nodejs22.x, nodejs24.x): the instance runs on that Node.js major. */
  runtime: string;
  /** The directory holding the code (Lambda's LAMBDA_TASK_ROOT). */
  taskRoot: string;
  /** `file.export`, e.g. handler.handler. */
  handler: string;
  /** The function's own environment variables, from its configuration. */
  environment: Record<string, string>;
  identity: FunctionIdentity;
  timeoutSeconds: number;
  memoryMb: number;
  /** Open the Node inspector on 127.0.0.1 at this port. */
  inspectPort?: number;
  /** The version's LoggingConfig.LogGroup; Lambda's default group otherwise. */
  logGroupName?: string;
}

/** What the caller knows of an invocation before it runs. */
export interface Invocation {
  requestId?: string;
  /** The ARN the caller named (with its alias or version); the unqualified ARN by default. */
  invokedFunctionArn?: string;
  /** The caller's X-Ray trace header (`Root=1-...;Parent=...;Sampled=...`), passed on to the function. */
  traceHeader?: string;
}

export interface InvokeOutcome {
  requestId: string;
  /** The handler's result, or undefined when it failed. */
  payload?: unknown;
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

export interface FunctionInstance {
  /** Runs one invocation; an instance serves one at a time. */
  invoke(event: unknown, invocation?: Invocation): Promise<InvokeOutcome>;
  readonly busy: boolean;
  /** False once the process is gone (a timeout, a crash, an init error, close): replace the instance. */
  readonly alive: boolean;
  readonly logStreamName: string;
  close(): Promise<void>;
}

const RUNNER = fileURLToPath(new URL("../dist/runner.mjs", import.meta.url));

/**
 * "The Init phase is limited to 10 seconds" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html);
 * beyond it Lambda retries the init under the function's timeout, which this runtime does not model.
 */
const INIT_LIMIT_SECONDS = 10;

/** The invocation in progress: its end-of-invocation mark, and where stdout holds it once found. */
interface Current {
  mark: string;
  markAt?: number;
  /** The handler is loaded: the invocation's own time limit runs. */
  initialized: () => void;
  finish: (result: ResultMessage, logs: string) => void;
  exited: (detail: string, logs: string) => void;
}

/**
 * Starts a function instance: one runner process, kept warm between invocations as a Lambda sandbox is.
 * The heap is capped at the function's memory size, so a function that outgrows it dies as on Lambda;
 * V8 aborts on heap exhaustion, which surfaces as Runtime.ExitError (Lambda names it
 * Runtime.OutOfMemory; close enough for local work).
 * The process runs on the Node.js build of the function's runtime (node-runtimes.ts), whatever Node.js runs
 * the caller; a runtime with no build on this machine throws RuntimeUnavailableError here.
 */
export function startInstance(options: InstanceOptions): FunctionInstance {
  const { identity, memoryMb, timeoutSeconds } = options;
  const node = runtimeNode(options.runtime);
  const stream = logStreamName(identity.functionVersion);
  const logGroupName = options.logGroupName ?? defaultLogGroup(identity.functionName);
  const execArgv = [
    "--enable-source-maps",
    `--max-old-space-size=${memoryMb}`,
    ...(options.inspectPort !== undefined ? [`--inspect=127.0.0.1:${options.inspectPort}`] : []),
  ];
  const child = fork(RUNNER, [], {
    execPath: node.execPath,
    env: lambdaEnvironment({ ...options, logStreamName: stream, logGroupName }),
    execArgv,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let state: "idle" | "busy" | "dead" = "idle";
  let initialized = false;
  let invocations = 0;
  /** The highest Max Memory Used the runner reported: what a report can say once the process is gone. */
  let reportedPeakMb: number | undefined;
  let stdoutText = "";
  let stderrText = "";
  let current: Current | undefined;
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));

  const takeLogs = () => {
    const logs = stdoutText + stderrText;
    stdoutText = "";
    stderrText = "";
    return logs;
  };

  /** How far stdout has been searched for the current invocation's frame, so that no byte is searched twice. */
  let searchedTo = 0;
  /** Ends the current invocation once stdout holds its whole end-of-invocation frame (runner-protocol.ts). */
  const takeFrame = () => {
    if (!current) return;
    if (current.markAt === undefined) {
      const at = stdoutText.indexOf(current.mark, Math.max(0, searchedTo - current.mark.length));
      searchedTo = at === -1 ? stdoutText.length : at + current.mark.length;
      if (at === -1) return;
      current.markAt = at;
    }
    const end = stdoutText.indexOf(FRAME_END, searchedTo);
    searchedTo = end === -1 ? stdoutText.length : end;
    if (end === -1) return;
    const result = JSON.parse(stdoutText.slice(current.markAt + current.mark.length, end)) as ResultMessage;
    const rest = stdoutText.slice(end + FRAME_END.length);
    stdoutText = stdoutText.slice(0, current.markAt);
    const logs = takeLogs();
    stdoutText = rest;
    searchedTo = 0;
    const { finish } = current;
    current = undefined;
    // Lambda resets the sandbox after an init error, so the next invocation initialises afresh.
    if (!result.ok && result.phase === "init") {
      state = "dead";
      child.kill("SIGKILL");
    } else if (!result.ok && result.ending) {
      // The runner ends its process itself after this answer: no invocation may be handed to it meanwhile.
      state = "dead";
    } else state = "idle";
    finish(result, logs);
  };

  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdoutText += chunk;
    takeFrame();
  });
  // Node itself writes here (a fatal error, the inspector's banner); the function's stderr goes to stdout.
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderrText += chunk;
  });
  child.on("message", (message: InitializedMessage) => {
    if (message.type === "initialized") current?.initialized();
  });
  const ended = (detail: string) => {
    state = "dead";
    const pending = current;
    current = undefined;
    // Wait for the pipes to close, so that the last lines before the end are in the logs.
    if (pending) void closed.then(() => pending.exited(detail, takeLogs()));
  };
  child.once("exit", (code, signal) => ended(exitDetail(code, signal)));
  child.on("error", (error) => {
    ended(error.message);
    child.kill("SIGKILL");
  });

  const invoke = (event: unknown, invocation: Invocation = {}): Promise<InvokeOutcome> => {
    if (state !== "idle") return Promise.reject(new Error(`The instance is ${state}.`));
    state = "busy";
    const requestId = invocation.requestId ?? randomUUID();
    const info: InvocationInfo = {
      ...identity,
      memoryMb,
      awsRequestId: requestId,
      invokedFunctionArn: invocation.invokedFunctionArn ?? functionArn(identity),
      logStreamName: stream,
      logGroupName,
      deadlineMs: Date.now() + timeoutSeconds * 1000,
      ...(invocation.traceHeader !== undefined && { traceHeader: invocation.traceHeader }),
    };
    const started = performance.now();
    /** The init's length as the parent saw it: a cold invocation that times out still reports it, as on Lambda. */
    let initMs: number | undefined;
    invocations += 1;
    const cold = invocations === 1 && { runtimeVersion: runtimeVersion(node, identity.region) };
    const peakSoFar = (measured: number | undefined) =>
      measured === undefined && reportedPeakMb === undefined
        ? {}
        : { maxMemoryMb: Math.max(measured ?? 0, reportedPeakMb ?? 0) };
    return new Promise<InvokeOutcome>((resolve) => {
      const timeUp = (seconds: number) => () => {
        state = "dead";
        current = undefined;
        // Lambda's REPORT line still has Max Memory Used after a timeout: read it before the process goes.
        const memory = peakSoFar(peakMemoryMb(child.pid));
        child.kill("SIGKILL");
        void closed.then(() =>
          resolve({
            requestId,
            error: timeoutError(requestId, seconds),
            logs: takeLogs(),
            durationMs: seconds * 1000,
            ...(initMs !== undefined && { initDurationMs: initMs }),
            ...memory,
            ...cold,
          }),
        );
      };
      // A cold instance first has Lambda's init limit to load the handler; the function's own timeout
      // covers the invocation only, from the end of the init.
      let timer = initialized
        ? setTimeout(timeUp(timeoutSeconds), timeoutSeconds * 1000)
        : setTimeout(timeUp(INIT_LIMIT_SECONDS), INIT_LIMIT_SECONDS * 1000);
      searchedTo = 0;
      current = {
        mark: endOfInvocationMark(requestId),
        initialized: () => {
          initMs = performance.now() - started;
          initialized = true;
          clearTimeout(timer);
          timer = setTimeout(timeUp(timeoutSeconds), timeoutSeconds * 1000);
        },
        finish: (result, logs) => {
          clearTimeout(timer);
          const { durationMs, initDurationMs, maxMemoryMb } = result;
          reportedPeakMb = Math.max(maxMemoryMb, reportedPeakMb ?? 0);
          const measures = {
            durationMs,
            maxMemoryMb,
            ...(initDurationMs !== undefined && { initDurationMs }),
          };
          const outcome = result.ok ? { payload: result.payload } : { error: result.error };
          resolve({ requestId, logs, ...outcome, ...measures, ...cold });
        },
        exited: (detail, logs) => {
          clearTimeout(timer);
          const durationMs = performance.now() - started;
          // The logs tell a full heap (Runtime.OutOfMemory) from any other exit.
          const error = exitError(requestId, detail, logs);
          resolve({ requestId, error, logs, durationMs, ...peakSoFar(undefined), ...cold });
        },
      };
      const message: InvokeMessage = {
        type: "invoke",
        taskRoot: options.taskRoot,
        handler: options.handler,
        event,
        invocation: info,
      };
      // A process that died meanwhile is reported by its exit; the callback keeps the error from being thrown.
      child.send(message, () => {});
    });
  };

  return {
    invoke,
    get busy() {
      return state === "busy";
    },
    get alive() {
      return state !== "dead";
    },
    logStreamName: stream,
    close: async () => {
      state = "dead";
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await closed;
    },
  };
}

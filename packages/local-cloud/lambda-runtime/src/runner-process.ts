import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createFrameReader } from "./frame-reader";
import { type EnvironmentInput, lambdaEnvironment } from "./lambda-environment";
import { exitDetail } from "./lambda-error";
import type { InitializedMessage, InvokeMessage, ResultMessage } from "./runner-protocol";

const RUNNER = fileURLToPath(new URL("../dist/runner.mjs", import.meta.url));

/**
 * "The Init phase is limited to 10 seconds" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html);
 * beyond it Lambda retries the init under the function's timeout, which this runtime does not model.
 */
const INIT_LIMIT_SECONDS = 10;

export interface RunnerOptions extends EnvironmentInput {
  /** The Node.js build of the function's runtime. */
  execPath: string;
  /** Open the Node inspector on 127.0.0.1 at this port. */
  inspectPort?: number;
}

/** What the runner process tells its instance. */
export interface RunnerEvents {
  /** The handler is loaded: the invocation's own time limit runs. */
  initialized(): void;
  /** The awaited invocation's end-of-invocation frame came; `logs` is all it wrote before it, stderr included. */
  result(result: ResultMessage, logs: string): void;
  /** The process is gone (an exit, a kill, a failure to start): `detail` says how. */
  ended(detail: string): void;
}

/** One runner process: what it is sent, what it wrote, and its end. */
export interface RunnerProcess {
  readonly pid: number | undefined;
  /** Sends an invocation, whose frame the process then waits for; a process already gone ignores it. */
  invoke(message: InvokeMessage): void;
  /** Waits for no frame: the invocation ended another way. */
  forgetInvocation(): void;
  /** Everything written and not yet handed out, once the process's pipes have closed. */
  finalLogs(): Promise<string>;
  kill(): void;
  close(): Promise<void>;
}

/**
 * Forks the runner on the given Node.js build. The heap is capped at the function's memory size, so a
 * function that outgrows it dies as on Lambda.
 */
export function spawnRunner(options: RunnerOptions, events: RunnerEvents): RunnerProcess {
  const child = fork(RUNNER, [], {
    execPath: options.execPath,
    env: lambdaEnvironment(options),
    execArgv: [
      "--enable-source-maps",
      `--max-old-space-size=${options.memoryMb}`,
      ...(options.inspectPort !== undefined ? [`--inspect=127.0.0.1:${options.inspectPort}`] : []),
    ],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const stdout = createFrameReader();
  let stderrText = "";
  const takeStderr = () => {
    const text = stderrText;
    stderrText = "";
    return text;
  };

  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    const frame = stdout.push(chunk);
    if (frame) events.result(frame.result, frame.output + takeStderr());
  });
  // Node itself writes here (a fatal error, the inspector's banner); the function's stderr goes to stdout.
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderrText += chunk;
  });
  child.on("message", (message: InitializedMessage) => {
    if (message.type === "initialized") events.initialized();
  });
  child.once("exit", (code, signal) => events.ended(exitDetail(code, signal)));
  child.on("error", (error) => {
    events.ended(error.message);
    child.kill("SIGKILL");
  });

  return {
    pid: child.pid,
    invoke: (message) => {
      stdout.waitFor(message.invocation.awsRequestId);
      // A process that died meanwhile is reported by its exit; the callback keeps the error from being thrown.
      child.send(message, () => {});
    },
    forgetInvocation: () => stdout.stopWaiting(),
    // Waiting for the pipes to close puts the last lines before the end in the logs.
    finalLogs: () => closed.then(() => stdout.takeOutput() + takeStderr()),
    kill: () => child.kill("SIGKILL"),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await closed;
    },
  };
}

/** An invocation's time limits: Lambda's init limit while a cold instance loads the handler, then the function's timeout. */
export interface InvocationTimer {
  /** The init is over: the function's own timeout runs from now. */
  initialized(): void;
  clear(): void;
}

/** Calls `timeUp` with the limit that ran out, in seconds, unless cleared first. */
export function startInvocationTimer(
  limits: { initialized: boolean; timeoutSeconds: number },
  timeUp: (seconds: number) => void,
): InvocationTimer {
  const after = (seconds: number) => setTimeout(() => timeUp(seconds), seconds * 1000);
  // A cold instance first has Lambda's init limit to load the handler; the function's own timeout covers
  // the invocation only, from the end of the init.
  let timer = after(limits.initialized ? limits.timeoutSeconds : INIT_LIMIT_SECONDS);
  return {
    initialized: () => {
      clearTimeout(timer);
      timer = after(limits.timeoutSeconds);
    },
    clear: () => clearTimeout(timer),
  };
}

import { randomUUID } from "node:crypto";
import {
  exitedOutcome,
  finishedOutcome,
  type InvocationRun,
  type InvokeOutcome,
  type MemoryPeak,
  timedOutOutcome,
} from "./invoke-outcome";
import {
  defaultLogGroup,
  type FunctionIdentity,
  functionArn,
  type InvocationInfo,
  logStreamName,
} from "./lambda-context";
import { type RuntimeNode, runtimeNode, runtimeVersion } from "./node-runtimes";
import { peakMemoryMb } from "./process-memory";
import { type RunnerProcess, spawnRunner, startInvocationTimer } from "./runner-process";
import type { ResultMessage } from "./runner-protocol";

// The outcome's type lives with the functions that build it; callers know it from here.
export type { InvokeOutcome } from "./invoke-outcome";

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
  /**
   * Node's module compile cache for this instance's runtime (see runner-protocol.ts): the folder, shared by
   * the instances of one runtime. None when absent.
   */
  compileCacheDir?: string;
}

/** What the caller knows of an invocation before it runs. */
export interface Invocation {
  requestId?: string;
  /** The ARN the caller named (with its alias or version); the unqualified ARN by default. */
  invokedFunctionArn?: string;
  /** The caller's X-Ray trace header (`Root=1-...;Parent=...;Sampled=...`), passed on to the function. */
  traceHeader?: string;
}

export interface FunctionInstance {
  /** Runs one invocation; an instance serves one at a time. */
  invoke(event: unknown, invocation?: Invocation): Promise<InvokeOutcome>;
  /**
   * Runs one invocation of an event its caller holds as JSON text: the text goes to the runner as it is, and
   * the function gets JSON.parse of it, as `invoke` of that parsed value would give it.
   */
  invokeJson(eventJson: string, invocation?: Invocation): Promise<InvokeOutcome>;
  readonly busy: boolean;
  /** False once the process is gone (a timeout, a crash, an init error, close): replace the instance. */
  readonly alive: boolean;
  readonly logStreamName: string;
  close(): Promise<void>;
}

/** The invocation in progress: how its end reaches its caller. */
interface Current {
  /** The handler is loaded: the invocation's own time limit runs. */
  initialized(): void;
  finish(result: ResultMessage, logs: string): void;
  exited(detail: string, logs: string): void;
}

/** What an instance's process events and its invocations share. */
interface InstanceState {
  status: "idle" | "busy" | "dead";
  initialized: boolean;
  invocations: number;
  /** The highest Max Memory Used the runner reported: what a report can say once the process is gone. */
  reportedPeakMb?: number;
  current?: Current;
}

interface Instance {
  options: InstanceOptions;
  node: RuntimeNode;
  stream: string;
  logGroupName: string;
  /** What every invocation's info shares, settled once per instance. */
  infoBase: Omit<InvocationInfo, "awsRequestId" | "invokedFunctionArn" | "deadlineMs" | "traceHeader">;
  /** The unqualified ARN, for an invocation that names none. */
  arn: string;
  runner: RunnerProcess;
  state: InstanceState;
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
  const node = runtimeNode(options.runtime);
  const stream = logStreamName(options.identity.functionVersion);
  const logGroupName = options.logGroupName ?? defaultLogGroup(options.identity.functionName);
  const state: InstanceState = { status: "idle", initialized: false, invocations: 0 };
  // The events come once the process runs, after `runner` is set.
  const runner: RunnerProcess = spawnRunner(
    { ...options, execPath: node.execPath, logStreamName: stream, logGroupName },
    {
      initialized: () => state.current?.initialized(),
      result: (result, logs) => settle(state, runner, result, logs),
      ended: (detail) => end(state, runner, detail),
    },
  );
  const infoBase = { ...options.identity, memoryMb: options.memoryMb, logStreamName: stream, logGroupName };
  const arn = functionArn(options.identity);
  const instance: Instance = { options, node, stream, logGroupName, infoBase, arn, runner, state };
  return {
    invoke: (event, invocation = {}) => {
      // As the IPC channel serialised the event object: an undefined event stays undefined.
      let eventJson: string | undefined;
      try {
        eventJson = JSON.stringify(event);
      } catch (error) {
        return Promise.reject(error);
      }
      return invoke(instance, eventJson, invocation);
    },
    invokeJson: (eventJson, invocation = {}) => invoke(instance, eventJson, invocation),
    get busy() {
      return state.status === "busy";
    },
    get alive() {
      return state.status !== "dead";
    },
    logStreamName: stream,
    close: async () => {
      state.status = "dead";
      await runner.close();
    },
  };
}

/** The current invocation's frame came: the instance serves the next one, unless its process ends. */
function settle(state: InstanceState, runner: RunnerProcess, result: ResultMessage, logs: string) {
  const pending = state.current;
  if (!pending) return;
  state.current = undefined;
  // Lambda resets the sandbox after an init error, so the next invocation initialises afresh.
  if (!result.ok && result.phase === "init") {
    state.status = "dead";
    runner.kill();
  } else if (!result.ok && result.ending) {
    // The runner ends its process itself after this answer: no invocation may be handed to it meanwhile.
    state.status = "dead";
  } else state.status = "idle";
  pending.finish(result, logs);
}

/** The process is gone: the invocation it ran, if any, ends with it. */
function end(state: InstanceState, runner: RunnerProcess, detail: string) {
  state.status = "dead";
  const pending = state.current;
  state.current = undefined;
  runner.forgetInvocation();
  if (pending) void runner.finalLogs().then((logs) => pending.exited(detail, logs));
}

function invoke(
  instance: Instance,
  eventJson: string | undefined,
  invocation: Invocation,
): Promise<InvokeOutcome> {
  const { state, options } = instance;
  if (state.status !== "idle") return Promise.reject(new Error(`The instance is ${state.status}.`));
  state.status = "busy";
  const info = invocationInfo(instance, invocation);
  const started = performance.now();
  state.invocations += 1;
  const cold = state.invocations === 1 && {
    runtimeVersion: runtimeVersion(instance.node, options.identity.region),
  };
  const run: InvocationRun = { requestId: info.awsRequestId, started, cold };
  return new Promise<InvokeOutcome>((resolve) => {
    state.current = watch(instance, run, resolve);
    const { taskRoot, handler, compileCacheDir } = options;
    instance.runner.invoke({
      type: "invoke",
      taskRoot,
      handler,
      ...(eventJson !== undefined && { eventJson }),
      invocation: info,
      ...(compileCacheDir !== undefined && { compileCacheDir }),
    });
  });
}

/** What the function learns of its invocation (its context and environment). */
function invocationInfo(instance: Instance, invocation: Invocation): InvocationInfo {
  return {
    ...instance.infoBase,
    awsRequestId: invocation.requestId ?? randomUUID(),
    invokedFunctionArn: invocation.invokedFunctionArn ?? instance.arn,
    deadlineMs: Date.now() + instance.options.timeoutSeconds * 1000,
    ...(invocation.traceHeader !== undefined && { traceHeader: invocation.traceHeader }),
  };
}

/** Times the invocation, and resolves it with its outcome however it ends. */
function watch(instance: Instance, run: InvocationRun, resolve: (outcome: InvokeOutcome) => void): Current {
  const { state } = instance;
  const limits = { initialized: state.initialized, timeoutSeconds: instance.options.timeoutSeconds };
  const timer = startInvocationTimer(limits, (seconds) => void timeUp(instance, run, seconds).then(resolve));
  return {
    initialized: () => {
      run.initMs = performance.now() - run.started;
      state.initialized = true;
      timer.initialized();
    },
    finish: (result, logs) => {
      timer.clear();
      state.reportedPeakMb = Math.max(result.maxMemoryMb, state.reportedPeakMb ?? 0);
      resolve(finishedOutcome(run, result, logs));
    },
    exited: (detail, logs) => {
      timer.clear();
      resolve(exitedOutcome(run, detail, logs, peakSoFar(state, undefined)));
    },
  };
}

/** A limit ran out: the process is killed, as Lambda ends a sandbox whose invocation times out. */
function timeUp(instance: Instance, run: InvocationRun, seconds: number): Promise<InvokeOutcome> {
  const { state, runner } = instance;
  state.status = "dead";
  state.current = undefined;
  runner.forgetInvocation();
  // Lambda's REPORT line still has Max Memory Used after a timeout: read it before the process goes.
  const memory = peakSoFar(state, peakMemoryMb(runner.pid));
  runner.kill();
  return runner.finalLogs().then((logs) => timedOutOutcome(run, seconds, logs, memory));
}

/** The higher of a measured peak and the runner's last report, if either is known. */
const peakSoFar = (state: InstanceState, measured: number | undefined): MemoryPeak =>
  measured === undefined && state.reportedPeakMb === undefined
    ? {}
    : { maxMemoryMb: Math.max(measured ?? 0, state.reportedPeakMb ?? 0) };

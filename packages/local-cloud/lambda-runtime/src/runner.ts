/**
 * The runner: one process per function instance, as Lambda runs one sandbox per instance. It loads the
 * handler on its first invocation (the cold start) and keeps it for the next ones, which it serves one at a
 * time, by the rules of the runtime AWS_EXECUTION_ENV names (runtime-rules.ts).
 */
import module from "node:module";
import { callAsync, callWithCallbacks, checkHandlerShape } from "./call-handler";
import { watchFunctionWork } from "./empty-event-loop";
import { logError } from "./error-log";
import { type Handler, loadHandler } from "./handler-loader";
import { answerFor, currentSession, finish, openSession, type Session } from "./invocation-session";
import { invocationData } from "./lambda-context";
import { markLogLines, openInvocationLog } from "./runner-output";
import type { InitializedMessage, InvokeMessage } from "./runner-protocol";
import { UnhandledPromiseRejection } from "./runtime-errors";
import { runtimeRules } from "./runtime-rules";
import { keepTaskRootsCommonJs } from "./task-root-hooks";

const rules = runtimeRules(process.env.AWS_EXECUTION_ENV);
/**
 * Node's module compile cache (22.1+; flushCompileCache 22.10+). Turned on through the API, not
 * NODE_COMPILE_CACHE, so that the function's environment stays as Lambda's. Missing on an older Node.
 */
const compileCache = module as unknown as {
  enableCompileCache?: (directory: string) => unknown;
  flushCompileCache?: () => void;
};
let loaded: Handler | undefined;

/**
 * nodejs22.x's client reports an uncaught exception (exit 129) or an unhandled rejection (exit 128) as the
 * invocation's error and ends the process (3.x src/index.mjs and Runtime.js, _setErrorCallbacks). 4.x's
 * sources (src/worker/ignition.ts, src/utils/runtime-setup.ts) install no such listener, so on nodejs24.x
 * Node's default stands: the process ends with status 1 and Lambda reports Runtime.ExitError.
 */
function crash(error: unknown, label: string, exitCode: number): void {
  const session = currentSession();
  if (!session) process.exit(exitCode);
  logError(label, error, session.paths);
  finish(session, { ok: false, error }, exitCode);
}
if (rules.callbacks) {
  process.on("uncaughtException", (error) => crash(error, "Uncaught Exception", 129));
  process.on("unhandledRejection", (reason, promise) =>
    crash(new UnhandledPromiseRejection(reason, promise), "Unhandled Promise Rejection", 128),
  );
}

async function initialize(session: Session): Promise<Handler | undefined> {
  const cache = session.message.compileCacheDir;
  if (cache !== undefined) compileCache.enableCompileCache?.(cache);
  const started = performance.now();
  const { taskRoot, handler } = session.message;
  try {
    // Lambda starts the runtime in its task root.
    process.chdir(taskRoot);
  } catch {
    // A missing task root fails the load below, with the error Lambda gives for it.
  }
  keepTaskRootsCommonJs(session.paths.taskRoots);
  try {
    const loadedHandler = await loadHandler(taskRoot, handler, rules);
    checkHandlerShape(loadedHandler, rules.callbacks);
    session.initDurationMs = performance.now() - started;
    // Node writes the cache at exit, and an instance's process is killed: written now, outside the measured
    // init and before the invocation's own clock starts.
    if (cache !== undefined) compileCache.flushCompileCache?.();
    return loadedHandler;
  } catch (error) {
    session.initDurationMs = performance.now() - started;
    // 3.x loads the code under its top-level await, so a failure there is an uncaught exception; 4.x logs it.
    logError(rules.callbacks ? "Uncaught Exception" : "Init Error", error, session.paths);
    finish(session, { ok: false, error });
    return undefined;
  }
}

async function invoke(message: InvokeMessage): Promise<void> {
  // Parsed before any clock starts, as the IPC channel parsed the event object before.
  const event = message.eventJson === undefined ? undefined : JSON.parse(message.eventJson);
  const requestId = message.invocation.awsRequestId;
  openInvocationLog(!loaded && rules.callbacks ? "undefined" : requestId);
  // Lambda sets the trace header per invocation (and the AWS SDK passes it on to the calls the function makes):
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
  if (message.invocation.traceHeader) process.env._X_AMZN_TRACE_ID = message.invocation.traceHeader;
  else delete process.env._X_AMZN_TRACE_ID;
  const session = openSession(message, rules);
  if (!loaded) {
    loaded = await initialize(session);
    if (!loaded) return;
    process.send?.({ type: "initialized" } satisfies InitializedMessage);
    markLogLines(requestId);
  }
  session.phase = "invoke";
  // The time limit runs from the end of the init, as on Lambda, and so does the remaining time.
  const deadlineMs = message.invocation.deadlineMs + (session.initDurationMs ?? 0);
  const data = invocationData({ ...message.invocation, deadlineMs }, !rules.callbacks);
  watchFunctionWork();
  session.startedAt = performance.now();
  const call = rules.callbacks ? callWithCallbacks : callAsync;
  await call(loaded, event, data, answerFor(session));
}

process.on("message", (message: InvokeMessage) => {
  void invoke(message);
});

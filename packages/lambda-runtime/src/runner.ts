/**
 * The runner: one process per function instance, as Lambda runs one sandbox per instance. It loads the
 * handler on its first invocation (the cold start) and keeps it for the next ones, which it serves one at
 * a time.
 */
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { format } from "node:util";
import { lambdaContext } from "./lambda-context";
import { type LambdaErrorPayload, toLambdaError } from "./lambda-error";
import { type TracePaths, taskRootError } from "./lambda-trace";
import {
  endOfInvocationFrame,
  type InitializedMessage,
  type InvokeMessage,
  type ResultMessage,
} from "./runner-protocol";

type Handler = (
  event: unknown,
  context: unknown,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;

let loaded: Handler | undefined;
let currentRequestId = "";

// One stream keeps the function's output in the order it was written (Lambda has one log stream too).
process.stderr.write = process.stdout.write.bind(process.stdout) as typeof process.stderr.write;

// Lambda's Node.js runtime prefixes console output with the time, the request id and the level.
for (const [method, level] of [
  ["log", "INFO"],
  ["info", "INFO"],
  ["warn", "WARN"],
  ["error", "ERROR"],
  ["debug", "DEBUG"],
  ["trace", "TRACE"],
] as const) {
  console[method] = (...args: unknown[]) => {
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId}\t${level}\t${format(...args)}\n`);
  };
}

const EXTENSIONS = [".mjs", ".js", ".cjs"];

// The runtime is its whole package: this build, and its sources, which source maps name in a stack.
const RUNTIME_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Node names a module by its real path, so a task root reached through a link is known by both names. */
function tracePaths(taskRoot: string): TracePaths {
  const given = path.resolve(taskRoot);
  let real = given;
  try {
    real = realpathSync(given);
  } catch {
    // A missing task root fails the load, which reports it under the name it was given.
  }
  return { taskRoots: [...new Set([given, real])], runtimePaths: [RUNTIME_ROOT] };
}

async function loadHandler(taskRoot: string, handlerString: string): Promise<Handler> {
  const dot = handlerString.lastIndexOf(".");
  const [file, exportName] = [handlerString.slice(0, dot), handlerString.slice(dot + 1)];
  const modulePath = EXTENSIONS.map((ext) => path.join(taskRoot, file + ext)).find((p) => existsSync(p));
  if (dot < 1 || !modulePath) {
    throw Object.assign(new Error(`Cannot find module '${file}' in ${taskRoot}`), {
      name: "Runtime.ImportModuleError",
    });
  }
  const module = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  const handler = module[exportName] ?? (module.default as Record<string, unknown> | undefined)?.[exportName];
  if (typeof handler !== "function") {
    throw Object.assign(new Error(`${handlerString} is undefined or not exported`), {
      name: "Runtime.HandlerNotFound",
    });
  }
  return handler as Handler;
}

/** Calls an async handler, or a callback-style one (`function (event, context, callback)`). */
function callHandler(handler: Handler, event: unknown, context: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, result?: unknown) =>
      error === undefined || error === null ? resolve(result) : reject(error);
    const returned = handler(event, context, callback);
    if (returned && typeof (returned as Promise<unknown>).then === "function") {
      (returned as Promise<unknown>).then(resolve, reject);
    } else if (handler.length < 3) {
      resolve(returned);
    }
  });
}

// The process's peak resident memory so far, as Lambda's "Max Memory Used" is the sandbox's peak.
const maxMemoryMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function invoke(message: InvokeMessage): Promise<ResultMessage> {
  currentRequestId = message.invocation.awsRequestId;
  // Lambda sets the trace header per invocation (and the AWS SDK passes it on to the calls the function makes):
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
  if (message.invocation.traceHeader) process.env._X_AMZN_TRACE_ID = message.invocation.traceHeader;
  else delete process.env._X_AMZN_TRACE_ID;
  let initDurationMs: number | undefined;
  const fail = (error: LambdaErrorPayload, phase: "init" | "invoke", durationMs: number): ResultMessage => ({
    type: "result",
    ok: false,
    // As on Lambda, the function sees its code at /var/task, and no frame of this runtime.
    error: taskRootError(error, tracePaths(message.taskRoot)),
    phase,
    durationMs,
    maxMemoryMb: maxMemoryMb(),
    ...(initDurationMs !== undefined && { initDurationMs }),
  });

  if (!loaded) {
    const started = performance.now();
    try {
      loaded = await loadHandler(message.taskRoot, message.handler);
    } catch (error) {
      initDurationMs = performance.now() - started;
      return fail(toLambdaError(error), "init", 0);
    }
    initDurationMs = performance.now() - started;
    process.send?.({ type: "initialized" } satisfies InitializedMessage);
  }

  const started = performance.now();
  try {
    // The time limit runs from the end of the init, as on Lambda, and so does the remaining time.
    const deadlineMs = message.invocation.deadlineMs + (initDurationMs ?? 0);
    const context = lambdaContext({ ...message.invocation, deadlineMs });
    const payload = await callHandler(loaded, message.event, context);
    const durationMs = performance.now() - started;
    return {
      type: "result",
      ok: true,
      payload,
      durationMs,
      maxMemoryMb: maxMemoryMb(),
      ...(initDurationMs !== undefined && { initDurationMs }),
    };
  } catch (error) {
    return fail(toLambdaError(error), "invoke", performance.now() - started);
  }
}

process.on("message", (message: InvokeMessage) => {
  void invoke(message).then((result) => {
    process.stdout.write(endOfInvocationFrame(message.invocation.awsRequestId, result));
  });
});

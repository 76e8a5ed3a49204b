/**
 * The invocation in progress in the runner, and how it ends: its answer (or error) in the end-of-invocation
 * frame (runner-protocol.ts), sent once, after which the runner waits for the next invocation.
 */
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Answer } from "./callback-context";
import { awaitNextInvocation } from "./empty-event-loop";
import { logError } from "./error-log";
import { toLambdaError } from "./lambda-error";
import { type TracePaths, taskRootError } from "./lambda-trace";
import { closeInvocationLog } from "./runner-output";
import { endOfInvocationFrame, type InvokeMessage } from "./runner-protocol";
import { JSONStringifyError } from "./runtime-errors";
import type { RuntimeRules } from "./runtime-rules";

export interface Session {
  message: InvokeMessage;
  rules: RuntimeRules;
  paths: TracePaths;
  phase: "init" | "invoke";
  startedAt: number;
  initDurationMs?: number;
}
let current: Session | undefined;

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

export function openSession(message: InvokeMessage, rules: RuntimeRules): Session {
  current = { message, rules, paths: tracePaths(message.taskRoot), phase: "init", startedAt: 0 };
  return current;
}

export const currentSession = () => current;

// The process's peak resident memory so far, as Lambda's "Max Memory Used" is the sandbox's peak.
const maxMemoryMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

type Outcome = { ok: true; payload: unknown } | { ok: false; error: unknown };

function resultFrame(session: Session, outcome: Outcome, ending: boolean): string {
  const measures = {
    durationMs: session.phase === "init" ? 0 : performance.now() - session.startedAt,
    maxMemoryMb: maxMemoryMb(),
    ...(session.initDurationMs !== undefined && { initDurationMs: session.initDurationMs }),
  };
  const id = session.message.invocation.awsRequestId;
  if (outcome.ok) {
    // Both clients send a missing answer as JSON's null; so does a value JSON has no text for (a function).
    return endOfInvocationFrame(id, {
      type: "result",
      ok: true,
      payloadJson: JSON.stringify(outcome.payload ?? null) ?? "null",
      ...measures,
    });
  }
  // As on Lambda, the function sees its code at /var/task, and no frame of this runtime.
  const recognition = session.rules.callbacks ? "error-like" : "instances";
  const error = taskRootError(toLambdaError(outcome.error, recognition), session.paths);
  const last = ending ? { ending: true as const } : {};
  return endOfInvocationFrame(id, {
    type: "result",
    ok: false,
    error,
    phase: session.phase,
    ...measures,
    ...last,
  });
}

/** Sends the invocation's answer (once), then waits for the next invocation, or ends the process. */
export function finish(session: Session, outcome: Outcome, exitCode?: number): void {
  if (session !== current) return;
  let frame: string;
  try {
    frame = resultFrame(session, outcome, exitCode !== undefined);
  } catch {
    // Both clients fail an answer that JSON cannot carry (a cycle, a BigInt) with this message.
    const unsent = "Unable to stringify response body";
    const error = session.rules.callbacks ? new Error(unsent) : new JSONStringifyError(unsent);
    logError("Invoke Error", error, session.paths);
    frame = resultFrame(session, { ok: false, error }, false);
  }
  current = undefined;
  if (exitCode === undefined) {
    closeInvocationLog(frame);
    awaitNextInvocation();
  } else closeInvocationLog(frame, () => process.exit(exitCode));
}

/** Where the handler's answer goes; both clients log an error as an "Invoke Error" before sending it. */
export const answerFor = (session: Session): Answer => ({
  response: (result) => finish(session, { ok: true, payload: result }),
  error: (error) => {
    if (session !== current) return;
    logError("Invoke Error", error, session.paths);
    finish(session, { ok: false, error });
  },
});

import type { InvocationInfo } from "./lambda-context";
import type { LambdaErrorPayload } from "./lambda-error";

/** Parent -> runner: load this bundle's handler (once) and call it with this event. */
export interface InvokeMessage {
  type: "invoke";
  /** Absolute path of the code's directory (Lambda's LAMBDA_TASK_ROOT). */
  taskRoot: string;
  /** Lambda's handler string: `file.export`, the file relative to taskRoot without extension. */
  handler: string;
  event: unknown;
  invocation: InvocationInfo;
}

/** Runner -> parent: the handler is loaded (the cold start's init is over); the function's timeout starts now. */
export interface InitializedMessage {
  type: "initialized";
}

/** Runner -> parent: how the invocation ended. */
export type ResultMessage =
  | {
      type: "result";
      ok: true;
      payload: unknown;
      durationMs: number;
      initDurationMs?: number;
      maxMemoryMb: number;
    }
  | {
      type: "result";
      ok: false;
      error: LambdaErrorPayload;
      /** An error while loading the module: Lambda reports it as an init error. */
      phase: "init" | "invoke";
      durationMs: number;
      initDurationMs?: number;
      maxMemoryMb: number;
    };

/**
 * Written to stdout after an invocation's last output and before its result message: stdout and the IPC
 * channel are separate pipes, so the parent waits for this mark to know that it holds all of the logs.
 */
export const endOfInvocationMark = (requestId: string) => `\u0000holonet-end ${requestId}\u0000`;

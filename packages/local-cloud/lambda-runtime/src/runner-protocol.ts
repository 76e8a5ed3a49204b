import type { InvocationInfo } from "./lambda-context";
import type { LambdaErrorPayload } from "./lambda-error";

/** Parent -> runner: load this bundle's handler (once) and call it with this event. */
export interface InvokeMessage {
  type: "invoke";
  /** Absolute path of the code's directory (Lambda's LAMBDA_TASK_ROOT). */
  taskRoot: string;
  /** Lambda's handler string: `file.export`, the file relative to taskRoot without extension. */
  handler: string;
  /**
   * The event as JSON text, parsed once in the runner: a caller that already holds the event serialised (the
   * HTTP API's integration, the Invoke API's body) hands it over as it is, instead of the parent parsing it
   * and the IPC channel serialising it again. Absent for an undefined event, which the handler then gets.
   */
  eventJson?: string;
  invocation: InvocationInfo;
  /**
   * Where Node's module compile cache lives for this runtime (module.enableCompileCache, Node >= 22.1): set
   * before the handler's module loads, so that later cold starts skip compiling the bundle. Absent: no cache.
   */
  compileCacheDir?: string;
}

/** Runner -> parent: the handler is loaded (the cold start's init is over); the function's timeout starts now. */
export interface InitializedMessage {
  type: "initialized";
}

/** Runner -> parent, inside the end-of-invocation frame: how the invocation ended. */
export type ResultMessage =
  | {
      type: "result";
      ok: true;
      /**
       * The handler's result as the JSON text the runner serialised (null for a missing answer): the parent
       * hands it on as it is, and only whoever needs the value parses it.
       */
      payloadJson: string;
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
      /**
       * The runner ends its process right after this result (an uncaught exception or unhandled rejection on
       * nodejs22.x, as AWS's runtime exits after posting it): the instance can serve no other invocation.
       */
      ending?: true;
      durationMs: number;
      initDurationMs?: number;
      maxMemoryMb: number;
    };

/**
 * Runner -> parent, on stdout after the invocation's last output: this mark, the ResultMessage as JSON, then
 * FRAME_END, in one write. The logs and the result travel on one stream, so the parent holds all of the
 * logs when the result comes, with no second channel to wait for (a result message on the IPC channel would
 * cost every warm invocation one more write and one more wake-up of the parent, as CPU profiles show). JSON
 * holds no raw NUL, so FRAME_END cannot occur inside the result.
 */
export const endOfInvocationMark = (requestId: string) => `\u0000holonet-end ${requestId} `;
export const FRAME_END = "\u0000";

export const endOfInvocationFrame = (requestId: string, result: ResultMessage) =>
  `${endOfInvocationMark(requestId)}${JSON.stringify(result)}${FRAME_END}`;

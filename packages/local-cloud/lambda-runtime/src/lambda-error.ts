import { types } from "node:util";

/** A failed invocation's payload, as Lambda returns it with X-Amz-Function-Error. */
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/**
 * Which values count as errors: nodejs22.x's client (3.x src/Errors.js, toRapidResponse) takes native errors
 * and any object with string name, message and stack; nodejs24.x's (4.x src/utils/error.ts, formatError) takes
 * instances of Error only.
 */
export type ErrorRecognition = "error-like" | "instances";

const isErrorLike = (value: unknown): value is Error => {
  const candidate = value as Partial<Record<"name" | "message" | "stack", unknown>> | null | undefined;
  return (
    !!candidate &&
    typeof candidate.name === "string" &&
    typeof candidate.message === "string" &&
    typeof candidate.stack === "string" &&
    candidate.name !== "" &&
    candidate.message !== "" &&
    candidate.stack !== ""
  );
};

// The clients replace ASCII DEL, which the Runtime API does not carry.
const withoutDel = (text: string) => text.replaceAll("\x7F", "%7F");

/** How Lambda's Node.js runtime reports what a handler threw, rejected with or passed to its callback. */
export function toLambdaError(
  error: unknown,
  recognition: ErrorRecognition = "error-like",
): LambdaErrorPayload {
  try {
    const recognized =
      recognition === "instances" ? error instanceof Error : types.isNativeError(error) || isErrorLike(error);
    if (recognized) {
      const { name, message, stack } = error as Error;
      return {
        errorType: withoutDel(String(name)),
        errorMessage: withoutDel(String(message)),
        trace: typeof stack === "string" ? withoutDel(stack).split("\n") : [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    // Both clients' answer when the value cannot even be read (a throwing getter, no toString).
    return {
      errorType: "handled",
      errorMessage:
        "callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack",
      trace: [],
    };
  }
}

export const TIMEOUT_ERROR_TYPE = "Sandbox.Timedout";

export const timeoutError = (requestId: string, timeoutSeconds: number): LambdaErrorPayload => ({
  errorType: TIMEOUT_ERROR_TYPE,
  errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
});

// What V8 writes on stderr as it aborts a process whose heap is full.
const HEAP_EXHAUSTED = "JavaScript heap out of memory";

/**
 * Lambda's answer when the runtime's process ends mid-invocation. A clean exit (status 0) is "without providing a
 * reason", as Lambda words it for a runtime that stops without posting a result. A process that ran out of
 * memory is Runtime.OutOfMemory, killed at the sandbox's limit
 * (`{"errorType":"Runtime.OutOfMemory","errorMessage":"RequestId: ... Error: Runtime exited with error: signal: killed"}`,
 * as quoted from Lambda in adobe/helix-html2md-service#1001); here V8 aborts first, which the logs tell.
 */
export function exitError(requestId: string, detail: string, logs = ""): LambdaErrorPayload {
  if (logs.includes(HEAP_EXHAUSTED)) {
    return {
      errorType: "Runtime.OutOfMemory",
      errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
    };
  }
  return {
    errorType: "Runtime.ExitError",
    errorMessage:
      detail === "exit status 0"
        ? `RequestId: ${requestId} Error: Runtime exited without providing a reason`
        : `RequestId: ${requestId} Error: Runtime exited with error: ${detail}`,
  };
}

// Lambda's runtime manager describes a process's end as Go does ("exit status 3", "signal: killed").
const SIGNAL_WORDS: Record<string, string> = {
  SIGKILL: "killed",
  SIGABRT: "aborted",
  SIGTERM: "terminated",
  SIGSEGV: "segmentation fault",
  SIGINT: "interrupt",
};

export const exitDetail = (code: number | null, signal: NodeJS.Signals | null) =>
  signal ? `signal: ${SIGNAL_WORDS[signal] ?? signal}` : `exit status ${code}`;

import { types } from "node:util";

/** A failed invocation's payload, as Lambda returns it with X-Amz-Function-Error. */
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** How Lambda's Node.js runtime reports what a handler threw or passed to its callback. */
export function toLambdaError(error: unknown): LambdaErrorPayload {
  if (types.isNativeError(error) || error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? "").split("\n") };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

export const TIMEOUT_ERROR_TYPE = "Sandbox.Timedout";

export const timeoutError = (requestId: string, timeoutSeconds: number): LambdaErrorPayload => ({
  errorType: TIMEOUT_ERROR_TYPE,
  errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
});

export const exitError = (requestId: string, detail: string): LambdaErrorPayload => ({
  errorType: "Runtime.ExitError",
  errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${detail}`,
});

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

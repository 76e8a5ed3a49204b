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

export const timeoutError = (requestId: string, timeoutSeconds: number): LambdaErrorPayload => ({
  errorType: "Sandbox.Timedout",
  errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
});

export const exitError = (requestId: string, detail: string): LambdaErrorPayload => ({
  errorType: "Runtime.ExitError",
  errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${detail}`,
});

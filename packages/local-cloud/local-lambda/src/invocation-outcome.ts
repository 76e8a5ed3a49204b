import { LambdaApiError } from "./api-errors";
import type { InvokeRequest, InvokeResult } from "./invoke-request";

/** A synchronous invocation for a caller inside this process, as API Gateway's Lambda integration makes it. */
export type IntegrationRequest = Pick<
  InvokeRequest,
  "functionName" | "qualifier" | "payload" | "traceHeader"
>;

/**
 * What became of one synchronous invocation, for a caller that is not the Lambda API's client (the HTTP
 * API's Lambda integration): the Lambda API's refusals are outcomes here, not thrown errors.
 */
export type InvocationOutcome =
  /** The function ran and returned: its result, for the caller's payload format to map. */
  | { kind: "answered"; payload: Buffer }
  /** The function ran and failed (its error, a timeout, a crash): Lambda's error payload. */
  | { kind: "function-error"; payload: Buffer }
  /** Lambda refused to run it for want of concurrency (TooManyRequestsException), with its Reason. */
  | { kind: "throttled"; reason: string }
  /** The Lambda API refused the invocation for another reason, e.g. RequestEntityTooLargeException. */
  | { kind: "refused"; errorType: string };

/**
 * Invokes and says what became of it. Only a fault of the service itself (not one of the Lambda API's
 * answers) still rejects: it has no error type an API client would see.
 */
export async function invokeForOutcome(
  invoke: (request: InvokeRequest) => Promise<InvokeResult>,
  request: IntegrationRequest,
): Promise<InvocationOutcome> {
  try {
    const result = await invoke({ ...request, invocationType: "RequestResponse" });
    return result.functionError
      ? { kind: "function-error", payload: result.payload }
      : { kind: "answered", payload: result.payload };
  } catch (error) {
    if (!(error instanceof LambdaApiError)) throw error;
    if (error.name !== "TooManyRequestsException") return { kind: "refused", errorType: error.name };
    return { kind: "throttled", reason: error.reason ?? "Rate Exceeded." };
  }
}

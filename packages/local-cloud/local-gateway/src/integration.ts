import type { InvocationOutcome, SerializedEvent } from "@holonet/local-lambda/lambda-service";
import { type GatewayError, INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE } from "./gateway-errors";
import type { GatewayRoute, HttpApiOptions } from "./http-api-options";
import { type GatewayResponse, mapLambdaResponse } from "./lambda-response";

/** What became of a call: the invocation's outcome, the gateway's own timeout, or a fault of the invoke itself. */
export type IntegrationResult =
  | InvocationOutcome
  | { kind: "timed-out" }
  | { kind: "failed"; error: unknown };

/** The answer to the client, and why the integration failed when it did (for the gateway's record). */
export interface IntegrationAnswer extends GatewayResponse {
  integrationError?: string;
}

/**
 * Calls the function, waiting at most the integration timeout (30 s on AWS, the most an HTTP API allows:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). A late result is
 * dropped, as AWS drops it.
 */
export function callIntegration(
  invoke: HttpApiOptions["invoke"],
  target: GatewayRoute["target"],
  event: SerializedEvent,
  trace: { traceHeader: string },
  timeoutMs: number,
): Promise<IntegrationResult> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: "timed-out" }), timeoutMs);
    let pending: Promise<InvocationOutcome>;
    try {
      pending = invoke(target, event, trace);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ kind: "failed", error });
      },
    );
  });
}

/**
 * What API Gateway answers for each outcome. "API Gateway treats all invocation and function errors as
 * internal errors. If the Lambda API rejects the invocation request, API Gateway returns a 500 error code",
 * with AWS's generic body (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html):
 * a throttle (TooManyRequestsException, 429 from the Lambda API) is a 500 for the client, not a 429, which
 * API Gateway keeps for its own throttling (see throttle.ts). An HTTP API answers a function error with a 500
 * too (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html),
 * where a REST API answers 502. Only the record says which failure it was, as CloudWatch would.
 */
export function answerIntegration(result: IntegrationResult): IntegrationAnswer {
  switch (result.kind) {
    case "answered":
      return (
        mapLambdaResponse(result.payload) ?? failure(INTERNAL_SERVER_ERROR, "Malformed Lambda proxy response")
      );
    case "function-error":
      return failure(INTERNAL_SERVER_ERROR, `Lambda function error: ${errorTypeOf(result.payload)}`);
    case "throttled":
      return failure(INTERNAL_SERVER_ERROR, `Lambda throttled: ${result.reason}`);
    case "refused":
      return failure(INTERNAL_SERVER_ERROR, `Lambda refused the invocation: ${result.errorType}`);
    case "timed-out":
      return failure(SERVICE_UNAVAILABLE, "Integration timed out");
    case "failed":
      return failure(
        INTERNAL_SERVER_ERROR,
        `Invoke failed: ${result.error instanceof Error ? result.error.message : String(result.error)}`,
      );
  }
}

const failure = (error: GatewayError, integrationError: string): IntegrationAnswer => ({
  statusCode: error.statusCode,
  headers: { "content-type": "application/json" },
  body: error.body,
  integrationError,
});

/** Lambda's error payload names the error's type: `{"errorType": "TypeError", "errorMessage": ...}`. */
function errorTypeOf(payload: Buffer): string {
  try {
    const { errorType } = JSON.parse(payload.toString("utf8")) as { errorType?: unknown };
    return typeof errorType === "string" ? errorType : "Unhandled";
  } catch {
    return "Unhandled";
  }
}

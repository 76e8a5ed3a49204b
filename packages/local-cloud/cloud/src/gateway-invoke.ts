import type { HttpApiOptions } from "@holonet/local-gateway/http-api";
import type { LambdaService } from "@holonet/local-lambda/lambda-service";

/**
 * The HTTP API's integration: invokes the route's function through the Lambda service in this process and
 * says what became of it, as API Gateway sees a Lambda proxy integration's outcome.
 */
export function invokeThroughLambda(lambda: Pick<LambdaService, "invoke">): HttpApiOptions["invoke"] {
  return async (target, event, { traceHeader }) => {
    try {
      const result = await lambda.invoke({
        functionName: target.functionName,
        qualifier: target.qualifier,
        payload: event,
        traceHeader,
      });
      return result.functionError
        ? { kind: "function-error", payload: result.payload }
        : { kind: "answered", payload: result.payload };
    } catch (error) {
      // The Lambda API's refusals (an alias not deployed yet among them), thrown with its error type as
      // `name` and a throttle's Reason.
      const refusal = error as { name?: unknown; status?: unknown; reason?: unknown };
      if (typeof refusal.name !== "string" || typeof refusal.status !== "number") throw error;
      if (refusal.name !== "TooManyRequestsException") return { kind: "refused", errorType: refusal.name };
      return {
        kind: "throttled",
        reason: typeof refusal.reason === "string" ? refusal.reason : "Rate Exceeded.",
      };
    }
  };
}

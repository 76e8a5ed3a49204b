import type { GatewayRoute, HttpApiOptions, InvokeOutcome } from "./http-api";

export type IntegrationResult =
  | { kind: "response"; outcome: InvokeOutcome }
  | { kind: "timeout" }
  | { kind: "throttled"; retryAfterSeconds: number }
  | { kind: "failed"; error: unknown };

/**
 * Calls the function, waiting at most the integration timeout (30 s on AWS, the most an HTTP API allows:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). A late result is
 * dropped, as AWS drops it. A Lambda throttle (an error with status 429) is told apart from other failures.
 */
export function callIntegration(
  invoke: HttpApiOptions["invoke"],
  target: GatewayRoute["target"],
  event: Buffer,
  trace: { traceHeader: string },
  timeoutMs: number,
): Promise<IntegrationResult> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs);
    let pending: Promise<InvokeOutcome>;
    try {
      pending = invoke(target, event, trace);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (outcome) => {
        clearTimeout(timer);
        resolve({ kind: "response", outcome });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve(asFailure(error));
      },
    );
  });
}

function asFailure(error: unknown): IntegrationResult {
  const details = (typeof error === "object" && error !== null ? error : {}) as {
    status?: unknown;
    statusCode?: unknown;
    retryAfterSeconds?: unknown;
  };
  if (details.status === 429 || details.statusCode === 429) {
    const retryAfter = details.retryAfterSeconds;
    return {
      kind: "throttled",
      retryAfterSeconds: typeof retryAfter === "number" && retryAfter > 0 ? Math.ceil(retryAfter) : 1,
    };
  }
  return { kind: "failed", error };
}

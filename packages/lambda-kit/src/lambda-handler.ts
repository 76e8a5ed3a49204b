import type { Context } from "aws-lambda";
import { HttpError } from "./errors";
import { type HttpRequest, isHttpApiEvent, toHttpRequest } from "./http-event";
import { errorResponse, type HttpResponse } from "./http-response";
import { coldStartTracker, errorFields, invocationFields, type Logger } from "./logger";

export interface LambdaHandlerOptions<TOutput> {
  logger: Logger;
  /** Answers an API Gateway HTTP API request (payload format 2.0). Thrown errors go through the error model. */
  http: (request: HttpRequest, log: Logger) => Promise<HttpResponse>;
  /**
   * Answers a direct invocation (Lambda Invoke API) with the function's own input object.
   * A thrown error fails the invocation: Lambda reports its name as errorType and its message as errorMessage.
   */
  direct: (input: unknown, log: Logger) => Promise<TOutput>;
  /** Where Lambda's per-invocation variables are read (`_X_AMZN_TRACE_ID`); process.env unless a test says. */
  environment?: () => Record<string, string | undefined>;
}

export type LambdaHandler<TOutput> = (event: unknown, context: Context) => Promise<HttpResponse | TOutput>;

/** One handler for both event sources a Holonet function serves. */
export function lambdaHandler<TOutput>(options: LambdaHandlerOptions<TOutput>): LambdaHandler<TOutput> {
  // One handler per module load, so per instance: its first invocation is the cold start.
  const isColdStart = coldStartTracker();
  const environment = options.environment ?? (() => process.env);
  return async (event, context) => {
    const fields = {
      requestId: context.awsRequestId,
      coldStart: isColdStart(),
      traceEnv: environment()._X_AMZN_TRACE_ID,
    };
    if (!isHttpApiEvent(event)) {
      const log = options.logger.with(invocationFields(fields));
      return options.direct(event, log).catch((error: unknown) => {
        // A refusal (a 4xx over HTTP) is the caller's business; anything else is ours, logged in full.
        if (error instanceof HttpError && error.status < 500)
          log.info("Invocation refused", { code: error.code });
        else log.error("Invocation failed", errorFields(error));
        throw error;
      });
    }
    const request = toHttpRequest(event);
    const log = options.logger.with(
      invocationFields({ ...fields, traceHeader: request.headers["x-amzn-trace-id"] }),
    );
    const httpLog = log.with({ apiRequestId: request.requestId, route: request.routeKey });
    try {
      return await options.http(request, httpLog);
    } catch (error) {
      return errorResponse(error, request.requestId, httpLog);
    }
  };
}

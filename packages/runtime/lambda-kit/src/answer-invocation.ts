import { HttpError } from "./errors";
import type { HttpRequest } from "./http-event";
import { errorResponse, type HttpResponse } from "./http-response";
import { withInvocationLogger } from "./invocation-scope";
import { errorFields, type Logger } from "./logger";
import type { ServiceApp } from "./service-app";

/*
 * The one invocation pipeline: Lambda's handler and every other platform's adapter answer through these,
 * so that the error model and what is logged of a failure are the same wherever a service runs. `log` is
 * the invocation's logger, which the SDK clients' spans also log through.
 */

/** Runs the app's HTTP side; a thrown error is answered by the error model (errorResponse). */
export function answerHttp(
  app: Pick<ServiceApp<unknown>, "http">,
  request: HttpRequest,
  log: Logger,
): Promise<HttpResponse> {
  return withInvocationLogger(log, async () => {
    try {
      return await app.http(request, log);
    } catch (error) {
      return errorResponse(error, request.requestId, log);
    }
  });
}

/**
 * Runs the app's direct side. A thrown error fails the invocation as it is, so that the platform reports
 * its name and message (Lambda: errorType, errorMessage).
 */
export function answerDirect<TOutput>(
  app: Pick<ServiceApp<TOutput>, "direct">,
  input: unknown,
  log: Logger,
): Promise<TOutput> {
  return withInvocationLogger(log, async () => {
    try {
      return await app.direct(input, log);
    } catch (error) {
      // A refusal (a 4xx over HTTP) is the caller's business; anything else is ours, logged in full.
      if (error instanceof HttpError && error.status < 500)
        log.info("Invocation refused", { code: error.code });
      else log.error("Invocation failed", errorFields(error));
      throw error;
    }
  });
}

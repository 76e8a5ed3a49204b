import { ROUTES } from "@holonet/contracts/routes";
import { answerHttp } from "@holonet/lambda-kit/answer-invocation";
import { NOT_FOUND } from "@holonet/lambda-kit/gateway-error";
import type { HttpRequest } from "@holonet/lambda-kit/http-event";
import type { HttpResponse } from "@holonet/lambda-kit/http-response";
import { coldStartTracker, invocationFields } from "@holonet/lambda-kit/logger";
import { compileRoutes } from "@holonet/lambda-kit/route-matcher";
import type { AdapterOptions, PlatformRequest, PlatformResponse } from "./platform-http";
import { parseRawQuery } from "./raw-query";

/**
 * The part every adapter shares: off AWS a platform gives each function one URL and no router, so the
 * request is routed as API Gateway would, among the service's own rows of the route table; then it
 * becomes the same HttpRequest the Lambda side builds and is answered through lambda-kit's pipeline, as
 * on Lambda. A path none of the service's routes names gets the gateway's own 404, as on AWS.
 */
export function httpAnswerer({ service, app, logger }: AdapterOptions) {
  const match = compileRoutes(ROUTES.filter((route) => route.function === service));
  // One answerer per module load, so per instance: its first request is the cold start.
  const isColdStart = coldStartTracker();
  return async (request: PlatformRequest): Promise<PlatformResponse> => {
    const route = match(request.method, request.rawPath);
    if (route === null) {
      return {
        statusCode: NOT_FOUND.statusCode,
        headers: { "content-type": "application/json" },
        body: NOT_FOUND.body,
      };
    }
    const httpRequest: HttpRequest = {
      routeKey: route.routeKey,
      method: request.method,
      path: request.rawPath,
      // No stage prefix off API Gateway: the path the caller used is the resource path (see stagePath).
      stage: "$default",
      requestId: request.requestId,
      headers: request.headers,
      query: parseRawQuery(request.rawQuery),
      pathParameters: route.pathParameters ?? {},
      body: request.body,
    };
    const log = logger.with({
      ...invocationFields({ requestId: request.requestId, coldStart: isColdStart() }),
      route: route.routeKey,
    });
    return toPlatformResponse(await answerHttp(app, httpRequest, log));
  };
}

/** `cookies` is not carried: no Holonet service sets one. */
function toPlatformResponse(response: HttpResponse): PlatformResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  const body =
    response.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(response.body, response.isBase64Encoded ? "base64" : "utf8");
  return { statusCode: response.statusCode, headers, body };
}

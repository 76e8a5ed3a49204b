// The answers API Gateway gives itself, never reaching a function. HTTP APIs answer them as JSON
// `{"message": ...}`; the sources are beside each one. The 404 ships inside functions (the platform
// adapters give it too), so it is declared in lambda-kit and named here with the rest.
import { gatewayError } from "@holonet/lambda-kit/gateway-error";

export { type GatewayError, NOT_FOUND } from "@holonet/lambda-kit/gateway-error";

/** The stage's own throttling, and only that (a Lambda throttle is a 500):
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html */
export const TOO_MANY_REQUESTS = gatewayError(429, "Too Many Requests");

/**
 * A function error, or a response API Gateway cannot map
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html), or an
 * invocation the Lambda API refused: "If the Lambda API rejects the invocation request, API Gateway returns a
 * 500 error code" (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html). That covers a
 * throttle (TooManyRequestsException) and an event over Lambda's 6 MB synchronous payload limit
 * (RequestEntityTooLargeException), which a body under the HTTP API's 10 MB can make. AWS publishes no
 * HTTP API answer for the latter; a REST API has been seen answering 413 {"message": "Request Too Long"}
 * (https://github.com/koki-develop/lgtm-generator/issues/10), so the documented rule is followed here.
 */
export const INTERNAL_SERVER_ERROR = gatewayError(500, "Internal Server Error");

/** The integration ran past its timeout (30 s at most on AWS). Observed, e.g. https://github.com/anomalyco/sst/issues/2232 */
export const SERVICE_UNAVAILABLE = gatewayError(503, "Service Unavailable");

/** "Payload size 10 MB": https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html.
 * The docs name it "413 Request Entity Too Large" (http-api-logging.html); AWS's exact body is unpublished. */
export const REQUEST_ENTITY_TOO_LARGE = gatewayError(413, "Request Entity Too Large");

/** "Total combined size of request line and header values 10240 bytes" (http-api-quotas.html); the status
 * AWS answers with is unpublished, 431 is HTTP's own for it. */
export const HEADERS_TOO_LARGE = gatewayError(431, "Request Header Fields Too Large");

/**
 * A request to a host name that is not the API's: API Gateway answers 403 {"message":"Forbidden"} for a host it
 * does not serve. Locally only loopback names are the API's, so a page that points its own name at
 * 127.0.0.1 (DNS rebinding) cannot read the API as same-origin.
 */
export const FORBIDDEN_HOST = gatewayError(403, "Forbidden");

/** A request that is not HTTP at all (Node's parser refused it). */
export const BAD_REQUEST = gatewayError(400, "Bad Request");

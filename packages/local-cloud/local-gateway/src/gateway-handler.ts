import type { IncomingMessage, ServerResponse } from "node:http";
import { compileRoutes, type RouteMatch, type RouteMatcher } from "@holonet/lambda-kit/route-matcher";
import { type Cors, compileCors } from "./cors";
import { INTERNAL_SERVER_ERROR, NOT_FOUND, REQUEST_ENTITY_TOO_LARGE } from "./gateway-errors";
import { type Exchange, gatewayRequest, openExchange, traceHeaderOf } from "./gateway-exchange";
import { refuseTooLarge, send, sendError, sendPreflight } from "./gateway-reply";
import { type ApiIdentity, buildHttpApiEvent } from "./http-api-event";
import type { GatewayRoute, HttpApiOptions } from "./http-api-options";
import { answerIntegration, callIntegration, type IntegrationResult } from "./integration";
import { admit } from "./request-admission";
import { readRequestBody, TOO_LARGE } from "./request-body";
import { route } from "./request-routing";
import { createTokenBucket, type TokenBucket } from "./throttle";

/** What every request shares, settled before the first one. */
interface Gateway {
  matchRoute: RouteMatcher<GatewayRoute>;
  cors: Cors | null;
  bucket: TokenBucket;
  payloadLimitBytes: number;
  invoke: HttpApiOptions["invoke"];
  timeoutMs: number;
  /** The API's identity; its port is known once the server listens, before any request. */
  api: () => ApiIdentity;
}

/** Everything that can be settled before the first request is settled here, once. */
export function createGatewayHandler(options: HttpApiOptions, port: () => number) {
  const gateway = settleGateway(options, port);
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const exchange = openExchange(req, res, options.onRequest);
    try {
      await serve(gateway, exchange);
    } catch {
      // A client gone mid-body leaves nobody to answer; anything else still gets AWS's 500.
      if (!res.headersSent && !req.socket.destroyed) return sendError(exchange, INTERNAL_SERVER_ERROR);
      res.destroy();
    }
  };
}

function settleGateway(options: HttpApiOptions, port: () => number): Gateway {
  const apiId = options.apiId ?? "local";
  const identity: Omit<ApiIdentity, "port"> = {
    accountId: options.accountId ?? "000000000000",
    apiId,
    domainName: `${apiId}.execute-api.${options.region ?? "us-east-1"}.amazonaws.com`,
    domainPrefix: apiId,
  };
  return {
    matchRoute: compileRoutes(options.routes),
    cors: compileCors(options.cors),
    bucket: createTokenBucket(options.throttling),
    payloadLimitBytes: options.payloadLimitBytes,
    invoke: options.invoke,
    timeoutMs: options.integrationTimeoutSeconds * 1000,
    api: () => ({ ...identity, port: String(port()) }),
  };
}

/** The stages in order: admit, route, read, integrate, respond; each may answer and end the request. */
async function serve(gateway: Gateway, exchange: Exchange): Promise<void> {
  const { req, method, url, rawPath } = exchange;
  const refusal = admit(gateway.bucket, { method, url, rawHeaders: req.rawHeaders, host: req.headers.host });
  if (refusal !== null) return sendError(exchange, refusal.error, refusal.headers);

  const routing = route(gateway.matchRoute, gateway.cors, { method, rawPath, headers: req.headers });
  if (routing.kind === "preflight") return sendPreflight(exchange, routing.headers);
  if (routing.kind === "not-found") return sendError(exchange, NOT_FOUND);
  exchange.routeKey = routing.match.routeKey;

  const body = await readRequestBody(req, gateway.payloadLimitBytes);
  if (body === TOO_LARGE)
    return refuseTooLarge(exchange, () => sendError(exchange, REQUEST_ENTITY_TOO_LARGE));

  const result = await integrate(gateway, exchange, routing.match, body);
  respond(gateway.cors, exchange, result, routing.origin);
}

/** Builds the event, calls the route's function and waits at most the integration timeout. */
async function integrate(
  gateway: Gateway,
  exchange: Exchange,
  match: RouteMatch<GatewayRoute>,
  body: Buffer | undefined,
): Promise<IntegrationResult> {
  const traceHeader = traceHeaderOf(exchange.req.headers["x-amzn-trace-id"], exchange.epochMs);
  exchange.traceHeader = traceHeader;
  const event = buildHttpApiEvent(gatewayRequest(exchange, body, traceHeader), match, gateway.api());
  const invokedAt = performance.now();
  const { invoke, timeoutMs } = gateway;
  const result = await callIntegration(invoke, match.route.target, event, { traceHeader }, timeoutMs);
  exchange.integrationLatencyMs = performance.now() - invokedAt;
  return result;
}

/** Maps the integration's result to the client's answer, with the CORS headers, and writes and records it. */
function respond(
  cors: Cors | null,
  exchange: Exchange,
  result: IntegrationResult,
  origin: string | undefined,
) {
  const answer = answerIntegration(result);
  exchange.integrationError = answer.integrationError;
  const headers = cors === null ? answer.headers : cors.withResponseHeaders(answer.headers, origin);
  send(exchange, answer.statusCode, headers, answer.body);
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { compileRoutes } from "@holonet/lambda-kit/route-matcher";
import { isLoopbackHost } from "@holonet/local-auth/loopback-host";
import { compileCors } from "./cors";
import {
  FORBIDDEN_HOST,
  type GatewayError,
  HEADERS_TOO_LARGE,
  INTERNAL_SERVER_ERROR,
  NOT_FOUND,
  REQUEST_ENTITY_TOO_LARGE,
  TOO_MANY_REQUESTS,
} from "./gateway-errors";
import { type ApiIdentity, buildHttpApiEvent, type GatewayRequest } from "./http-api-event";
import type { HttpApiOptions } from "./http-api-options";
import { answerIntegration, callIntegration } from "./integration";
import { announcesBody, readBody, TOO_LARGE } from "./request-body";
import { newRequestId, newTraceId } from "./request-ids";
import { createTokenBucket } from "./throttle";

type Headers = Record<string, string | string[]>;

/** "Total combined size of request line and header values 10240 bytes": https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html */
const REQUEST_LINE_AND_HEADER_VALUES_LIMIT = 10240;

/** After a 413 the rest of the body is not read: the connection closes once the client had time to read the answer. */
const CLOSE_AFTER_REFUSAL_MS = 500;

/** Everything that can be settled before the first request is settled here, once. */
export function createGatewayHandler(options: HttpApiOptions, port: () => number) {
  const matchRoute = compileRoutes(options.routes);
  const cors = compileCors(options.cors);
  const bucket = createTokenBucket(options.throttling);
  const timeoutMs = options.integrationTimeoutSeconds * 1000;
  const apiId = options.apiId ?? "local";
  const identity: Omit<ApiIdentity, "port"> = {
    accountId: options.accountId ?? "000000000000",
    apiId,
    domainName: `${apiId}.execute-api.${options.region ?? "us-east-1"}.amazonaws.com`,
    domainPrefix: apiId,
  };
  let api: ApiIdentity | undefined;

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const epochMs = Date.now();
    const requestId = newRequestId();
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    let routeKey: string | null = null;
    let traceHeader: string | undefined;
    let integrationLatencyMs: number | undefined;
    let integrationError: string | undefined;

    const send = (statusCode: number, headers: Headers, body: Buffer) => {
      headers["apigw-requestid"] = requestId;
      headers["content-length"] = String(body.length);
      res.writeHead(statusCode, headers);
      res.end(body);
      report(statusCode);
    };
    const sendError = (error: GatewayError, extra?: Headers) =>
      send(error.statusCode, { "content-type": "application/json", ...extra }, error.body);
    const report = (status: number) => {
      try {
        options.onRequest?.({
          requestId,
          startedAt: epochMs,
          ...(traceHeader !== undefined && { traceHeader }),
          method,
          path: rawPath,
          routeKey,
          status,
          latencyMs: performance.now() - started,
          integrationLatencyMs,
          ...(integrationError !== undefined && { integrationError }),
        });
      } catch {
        // An observer's fault must not break the answer already given.
      }
    };

    try {
      if (!bucket.take()) return sendError(TOO_MANY_REQUESTS);
      if (
        requestLineAndHeaderValuesSize(method, url, req.rawHeaders) > REQUEST_LINE_AND_HEADER_VALUES_LIMIT
      ) {
        return sendError(HEADERS_TOO_LARGE, { connection: "close" });
      }
      if (!isLoopbackHost(req.headers.host)) return sendError(FORBIDDEN_HOST);
      const origin = req.headers.origin;
      // With CORS configured the gateway answers a preflight itself, with no body and no function call;
      // without, an OPTIONS request is routed like any other (an ANY or $default route takes it).
      const preflight =
        method === "OPTIONS" && origin !== undefined && req.headers["access-control-request-method"];
      if (cors !== null && preflight) {
        const headers = cors.preflightHeaders(origin) ?? {};
        headers["apigw-requestid"] = requestId;
        res.writeHead(204, headers);
        res.end();
        return report(204);
      }
      const match = matchRoute(method, rawPath);
      if (match === null) return sendError(NOT_FOUND);
      routeKey = match.routeKey;

      let body: Buffer | undefined;
      if (announcesBody(req)) {
        const read = await readBody(req, options.payloadLimitBytes);
        if (read === TOO_LARGE) return refuseTooLarge(req, res, () => sendError(REQUEST_ENTITY_TOO_LARGE));
        body = read;
      }

      api ??= { ...identity, port: String(port()) };
      const clientTrace = req.headers["x-amzn-trace-id"];
      traceHeader = typeof clientTrace === "string" && clientTrace !== "" ? clientTrace : newTraceId(epochMs);
      const request: GatewayRequest = {
        method,
        rawPath,
        rawQueryString: queryAt === -1 ? "" : url.slice(queryAt + 1),
        httpVersion: req.httpVersion,
        rawHeaders: req.rawHeaders,
        sourceIp: sourceIp(req),
        body,
        requestId,
        epochMs,
        traceHeader,
      };
      const event = buildHttpApiEvent(request, match, api);
      const invokedAt = performance.now();
      const result = await callIntegration(
        options.invoke,
        match.route.target,
        event,
        { traceHeader },
        timeoutMs,
      );
      integrationLatencyMs = performance.now() - invokedAt;

      const answer = answerIntegration(result);
      integrationError = answer.integrationError;
      const headers = cors === null ? answer.headers : cors.withResponseHeaders(answer.headers, origin);
      return send(answer.statusCode, headers, answer.body);
    } catch {
      // A client gone mid-body leaves nobody to answer; anything else still gets AWS's 500.
      if (!res.headersSent && !req.socket.destroyed) return sendError(INTERNAL_SERVER_ERROR);
      res.destroy();
    }
  };
}

/** Answers 413 without reading the rest of the body, then closes the connection rather than leave it hanging. */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, answer: () => void): void {
  req.pause();
  res.shouldKeepAlive = false;
  res.once("finish", () => {
    if (!req.complete) setTimeout(() => req.socket.destroy(), CLOSE_AFTER_REFUSAL_MS).unref();
  });
  answer();
}

function requestLineAndHeaderValuesSize(method: string, url: string, rawHeaders: readonly string[]): number {
  let size = method.length + url.length;
  for (let i = 1; i < rawHeaders.length; i += 2) size += (rawHeaders[i] as string).length;
  return size;
}

function sourceIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? "127.0.0.1";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

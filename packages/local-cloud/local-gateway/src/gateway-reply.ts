import type { GatewayError } from "./gateway-errors";
import type { Exchange, ExchangeState } from "./gateway-exchange";
import type { GatewayRecord } from "./http-api-options";

type Headers = Record<string, string | string[]>;

/** After a 413 the rest of the body is not read: the connection closes once the client had time to read the answer. */
const CLOSE_AFTER_REFUSAL_MS = 500;

/** Writes the answer, with the request id and the body's length, and records the request. */
export function send(exchange: Exchange, statusCode: number, headers: Headers, body: Buffer): void {
  headers["apigw-requestid"] = exchange.requestId;
  headers["content-length"] = String(body.length);
  exchange.res.writeHead(statusCode, headers);
  exchange.res.end(body);
  report(exchange, statusCode);
}

/** One of the gateway's own answers, `{"message": ...}` as JSON. */
export function sendError(exchange: Exchange, error: GatewayError, extra?: Headers): void {
  send(exchange, error.statusCode, { "content-type": "application/json", ...extra }, error.body);
}

/** The gateway's own answer to a CORS preflight: its headers, no body. */
export function sendPreflight(exchange: Exchange, headers: Record<string, string>): void {
  headers["apigw-requestid"] = exchange.requestId;
  exchange.res.writeHead(204, headers);
  exchange.res.end();
  report(exchange, 204);
}

/** Answers 413 without reading the rest of the body, then closes the connection rather than leave it hanging. */
export function refuseTooLarge(exchange: Exchange, answer: () => void): void {
  const { req, res } = exchange;
  req.pause();
  res.shouldKeepAlive = false;
  res.once("finish", () => {
    if (!req.complete) setTimeout(() => req.socket.destroy(), CLOSE_AFTER_REFUSAL_MS).unref();
  });
  answer();
}

/** The request's record, as far as the request got, once it was answered with `status` at `now`. */
export function gatewayRecord(exchange: ExchangeState, status: number, now: number): GatewayRecord {
  const { traceHeader, integrationError } = exchange;
  return {
    requestId: exchange.requestId,
    startedAt: exchange.epochMs,
    ...(traceHeader !== undefined && { traceHeader }),
    method: exchange.method,
    path: exchange.rawPath,
    routeKey: exchange.routeKey,
    status,
    latencyMs: now - exchange.started,
    integrationLatencyMs: exchange.integrationLatencyMs,
    ...(integrationError !== undefined && { integrationError }),
  };
}

function report(exchange: Exchange, status: number): void {
  try {
    exchange.onRequest?.(gatewayRecord(exchange, status, performance.now()));
  } catch {
    // An observer's fault must not break the answer already given.
  }
}

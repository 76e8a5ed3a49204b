import type { IncomingMessage, ServerResponse } from "node:http";
import type { GatewayRequest } from "./http-api-event";
import type { GatewayRecord } from "./http-api-options";
import { newRequestId, newTraceId } from "./request-ids";

/**
 * One request as the gateway handles it: what it knew on arrival, and what each stage learnt since for the
 * request's record. The handler's stages fill in the latter as they go, so that a request that fails midway
 * still reports how far it got.
 */
export interface Exchange extends ExchangeState {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly onRequest: ((record: GatewayRecord) => void) | undefined;
}

/** What the request's record is made of. */
export interface ExchangeState {
  readonly requestId: string;
  /** performance.now() on arrival, for the latency. */
  readonly started: number;
  readonly epochMs: number;
  readonly method: string;
  /** The request target as sent: path and query. */
  readonly url: string;
  readonly rawPath: string;
  readonly rawQueryString: string;
  /** Set once the request was routed. */
  routeKey: string | null;
  /** Set once the request goes to its integration. */
  traceHeader?: string;
  integrationLatencyMs?: number;
  integrationError?: string;
}

export function openExchange(
  req: IncomingMessage,
  res: ServerResponse,
  onRequest: Exchange["onRequest"],
): Exchange {
  const started = performance.now();
  const epochMs = Date.now();
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  return {
    req,
    res,
    onRequest,
    requestId: newRequestId(),
    started,
    epochMs,
    method: req.method ?? "GET",
    url,
    rawPath: queryAt === -1 ? url : url.slice(0, queryAt),
    rawQueryString: queryAt === -1 ? "" : url.slice(queryAt + 1),
    routeKey: null,
  };
}

/** The trace header the request carries on to its function: the client's own, or a new one. */
export function traceHeaderOf(clientTrace: string | string[] | undefined, epochMs: number): string {
  return typeof clientTrace === "string" && clientTrace !== "" ? clientTrace : newTraceId(epochMs);
}

/** What the event is built from, once the body is read and the trace header chosen. */
export function gatewayRequest(
  exchange: Exchange,
  body: Buffer | undefined,
  traceHeader: string,
): GatewayRequest {
  const { req } = exchange;
  return {
    method: exchange.method,
    rawPath: exchange.rawPath,
    rawQueryString: exchange.rawQueryString,
    httpVersion: req.httpVersion,
    rawHeaders: req.rawHeaders,
    sourceIp: sourceIp(req.socket.remoteAddress),
    body,
    requestId: exchange.requestId,
    epochMs: exchange.epochMs,
    traceHeader,
  };
}

/** The client's address as API Gateway reports it: IPv4 without Node's IPv6 mapping. */
export function sourceIp(remoteAddress: string | undefined): string {
  const address = remoteAddress ?? "127.0.0.1";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

import { isWellFormedText } from "@holonet/contracts/text";
import * as z from "@holonet/contracts/zod";

/**
 * The part of an API Gateway HTTP API event (payload format 2.0) that a function reads.
 * The full shape is AWS's; the sample events are checked against it by a test (infra/tests).
 */
const HttpApiEvent = z.object({
  version: z.literal("2.0"),
  routeKey: z.string(),
  rawPath: z.string(),
  headers: z.optional(z.record(z.string(), z.string())),
  queryStringParameters: z.optional(z.record(z.string(), z.string())),
  pathParameters: z.optional(z.record(z.string(), z.string())),
  body: z.optional(z.string()),
  isBase64Encoded: z.boolean(),
  requestContext: z.object({
    requestId: z.string(),
    stage: z.string(),
    http: z.object({ method: z.string(), path: z.string() }),
  }),
});

/** What a function's HTTP side sees of a request: headers lower-cased, the body decoded from base64. */
export interface HttpRequest {
  routeKey: string;
  method: string;
  path: string;
  stage: string;
  requestId: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  pathParameters: Record<string, string>;
  /** The raw body bytes, or undefined when the request had none. */
  body: Buffer | undefined;
}

export function isHttpApiEvent(event: unknown): boolean {
  return (
    typeof event === "object" &&
    event !== null &&
    (event as { version?: unknown }).version === "2.0" &&
    typeof (event as { requestContext?: { http?: unknown } }).requestContext?.http === "object"
  );
}

/** Throws on an event that is not format 2.0: only a misconfigured integration sends one, so it is a 500. */
export function toHttpRequest(event: unknown): HttpRequest {
  const e = HttpApiEvent.parse(event);
  const headers = Object.fromEntries(Object.entries(e.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    routeKey: e.routeKey,
    method: e.requestContext.http.method,
    path: e.rawPath,
    stage: e.requestContext.stage,
    requestId: e.requestContext.requestId,
    headers,
    query: e.queryStringParameters ?? {},
    pathParameters: e.pathParameters ?? {},
    body: e.body === undefined ? undefined : bodyBytes(e.body, e.isBase64Encoded),
  };
}

const LONE_SURROGATE = /(\p{Surrogate})/u;

/**
 * The body's bytes. API Gateway's events carry well-formed text, but a hand-built one can hold a lone
 * surrogate, which Buffer.from would quietly turn into U+FFFD. Encoded as its three bytes instead (as
 * WTF-8 does), it stays invalid UTF-8, so the body parser refuses it rather than store a changed text.
 */
function bodyBytes(body: string, isBase64Encoded: boolean): Buffer {
  if (isBase64Encoded) return Buffer.from(body, "base64");
  if (isWellFormedText(body)) return Buffer.from(body, "utf8");
  return Buffer.concat(
    body.split(LONE_SURROGATE).map((part) => {
      if (!LONE_SURROGATE.test(part)) return Buffer.from(part, "utf8");
      const unit = part.charCodeAt(0);
      return Buffer.from([0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]);
    }),
  );
}

/** The path of `resourcePath` as the caller reached it: under `/<stage>` unless the stage is `$default`. */
export function stagePath(request: Pick<HttpRequest, "stage">, resourcePath: string): string {
  return request.stage === "$default" ? resourcePath : `/${request.stage}${resourcePath}`;
}

import * as z from "zod";

/**
 * The part of an API Gateway HTTP API event (payload format 2.0) that a function reads.
 * The full shape is AWS's; the sample events are checked against it by a test (infra/tests).
 */
const HttpApiEvent = z.object({
  version: z.literal("2.0"),
  routeKey: z.string(),
  rawPath: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
  queryStringParameters: z.record(z.string(), z.string()).optional(),
  pathParameters: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
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
    body: e.body === undefined ? undefined : Buffer.from(e.body, e.isBase64Encoded ? "base64" : "utf8"),
  };
}

/** The path of `resourcePath` as the caller reached it: under `/<stage>` unless the stage is `$default`. */
export function stagePath(request: Pick<HttpRequest, "stage">, resourcePath: string): string {
  return request.stage === "$default" ? resourcePath : `/${request.stage}${resourcePath}`;
}

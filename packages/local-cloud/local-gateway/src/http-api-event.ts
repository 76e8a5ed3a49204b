import { decodeComponent } from "@holonet/lambda-kit/percent-decoding";
import { parseQueryString } from "@holonet/lambda-kit/query-string";
import type { RouteDefinition, RouteMatch } from "@holonet/lambda-kit/route-matcher";
import type { SerializedEvent } from "@holonet/local-lambda/lambda-service";
import { requestTime } from "./request-ids";

/** What the gateway knows of a request once it has read it. */
export interface GatewayRequest {
  method: string;
  rawPath: string;
  rawQueryString: string;
  httpVersion: string;
  /** Node's `rawHeaders`: name, value, name, value... as the client sent them. */
  rawHeaders: readonly string[];
  sourceIp: string;
  body: Buffer | undefined;
  requestId: string;
  epochMs: number;
  /** The X-Ray trace header the request carries on: the client's own, or one the gateway made. */
  traceHeader: string;
}

/** The API's identity, the same for every request. */
export interface ApiIdentity {
  accountId: string;
  apiId: string;
  domainName: string;
  domainPrefix: string;
  /** The port the client connected to, for `x-forwarded-port`. */
  port: string;
}

// API Gateway hands these bodies over as UTF-8 text and base64-encodes every other one, a missing
// content type included. Verified against AWS: https://github.com/ministackorg/ministack/pull/766
const TEXT_MEDIA_TYPES = new Set(["application/json", "application/xml", "application/javascript"]);

function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semicolon = contentType.indexOf(";");
  const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return mediaType.startsWith("text/") || TEXT_MEDIA_TYPES.has(mediaType);
}

/**
 * The payload format 2.0 event, as JSON text (what the function parses) and the object it was serialised
 * from, built as AWS builds it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html):
 * header names lower-cased and duplicates joined with commas; cookie headers moved to `cookies` (and out of
 * `headers`: https://github.com/Kludex/mangum/pull/153, https://github.com/aws/aws-lambda-java-libs/issues/308);
 * decoded query and path parameters, each absent when there are none; `rawPath` and `rawQueryString` as sent.
 */
export function buildHttpApiEvent(
  request: GatewayRequest,
  match: RouteMatch<RouteDefinition>,
  api: ApiIdentity,
): SerializedEvent {
  const headers: Record<string, string> = Object.create(null);
  const cookies: string[] = [];
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    if (name === "cookie") {
      for (const cookie of value.split(";")) {
        const trimmed = cookie.trim();
        if (trimmed !== "") cookies.push(trimmed);
      }
      continue;
    }
    const previous = headers[name];
    headers[name] = previous === undefined ? value : `${previous},${value}`;
  }
  addForwardingHeaders(headers, request, api);

  const userAgent = headers["user-agent"] ?? "";
  const hasBody = request.body !== undefined && request.body.length > 0;
  const isText = hasBody && isTextContentType(headers["content-type"]);
  const event = {
    version: "2.0",
    routeKey: match.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    cookies: cookies.length > 0 ? cookies : undefined,
    headers,
    queryStringParameters: parseQueryString(request.rawQueryString),
    requestContext: {
      accountId: api.accountId,
      apiId: api.apiId,
      domainName: api.domainName,
      domainPrefix: api.domainPrefix,
      http: {
        method: request.method,
        // Decoded, as AWS's own emulator found it: https://github.com/aws/aws-lambda-dotnet/pull/1901
        path: decodeComponent(request.rawPath),
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent,
      },
      requestId: request.requestId,
      routeKey: match.routeKey,
      stage: "$default",
      time: requestTime(request.epochMs),
      timeEpoch: request.epochMs,
    },
    pathParameters: match.pathParameters,
    body: hasBody ? (request.body as Buffer).toString(isText ? "utf8" : "base64") : undefined,
    isBase64Encoded: hasBody && !isText,
  };
  // Serialised once, here: the Lambda service hands this text to the function as it is.
  return { json: JSON.stringify(event), value: event };
}

/** The headers API Gateway adds on its way to the integration; a client's own trace id is kept. */
function addForwardingHeaders(headers: Record<string, string>, request: GatewayRequest, api: ApiIdentity) {
  const forwardedFor = headers["x-forwarded-for"];
  headers["x-forwarded-for"] =
    forwardedFor === undefined ? request.sourceIp : `${forwardedFor}, ${request.sourceIp}`;
  headers["x-forwarded-port"] = api.port;
  headers["x-forwarded-proto"] = "http";
  headers["x-amzn-trace-id"] ??= request.traceHeader;
}

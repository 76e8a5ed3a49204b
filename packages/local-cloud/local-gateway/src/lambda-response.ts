import { validateHeaderName, validateHeaderValue } from "node:http";

export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

// Framing is the gateway's own business. The function's CORS headers pass on here: only an API with CORS
// configured ignores them (see cors.ts).
const IGNORED_HEADER = /^(?:content-length|transfer-encoding|connection|keep-alive|upgrade)$/;

/**
 * Maps a function's result to the HTTP response, as payload format 2.0 does
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.v2):
 * an object with `statusCode` is a full response (`headers`, `cookies` - each its own `set-cookie` -, `body`,
 * `isBase64Encoded`); any other JSON is the body of a 200 `application/json`, a JSON string unwrapped. Null
 * for a result that is not JSON or not a valid response, which API Gateway answers with a 500
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
 */
export function mapLambdaResponse(payload: Buffer): GatewayResponse | null {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof result === "object" && result !== null && !Array.isArray(result) && "statusCode" in result) {
    return fullResponse(result as Record<string, unknown>);
  }
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: typeof result === "string" ? Buffer.from(result) : payload,
  };
}

/** A response the function shaped itself; null when API Gateway could not map it. */
function fullResponse(result: Record<string, unknown>): GatewayResponse | null {
  const { statusCode, headers, cookies, body, isBase64Encoded } = result;
  if (
    typeof statusCode !== "number" ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    return null;
  }
  if (body !== undefined && body !== null && typeof body !== "string") return null;
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== "boolean") {
    return null;
  }
  const mapped = mapHeaders(headers);
  const setCookies = mapCookies(cookies);
  if (mapped === null || setCookies === null) return null;
  if (setCookies.length > 0) {
    const own = mapped["set-cookie"];
    mapped["set-cookie"] = own === undefined ? setCookies : [own as string, ...setCookies];
  }
  // With a statusCode and no content type, HTTP APIs answer text/plain: AWS's emulator records it
  // (aws/aws-lambda-dotnet, Amazon.Lambda.TestTool ApiGatewayResponseExtensions.cs).
  mapped["content-type"] ??= "text/plain; charset=utf-8";
  const text = typeof body === "string" ? body : "";
  return {
    statusCode,
    headers: mapped,
    body: isBase64Encoded === true ? Buffer.from(text, "base64") : Buffer.from(text),
  };
}

function mapHeaders(headers: unknown): Record<string, string | string[]> | null {
  const mapped: Record<string, string | string[]> = Object.create(null);
  if (headers === undefined || headers === null) return mapped;
  if (typeof headers !== "object" || Array.isArray(headers)) return null;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return null;
    const lower = name.toLowerCase();
    const text = String(value);
    if (!isValidHeader(lower, text)) return null;
    if (!IGNORED_HEADER.test(lower)) mapped[lower] = text;
  }
  return mapped;
}

function mapCookies(cookies: unknown): string[] | null {
  if (cookies === undefined || cookies === null) return [];
  if (!Array.isArray(cookies)) return null;
  for (const cookie of cookies) {
    if (typeof cookie !== "string" || !isValidHeader("set-cookie", cookie)) return null;
  }
  return cookies as string[];
}

/** Node refuses to send a header with a bad name or a line break in its value: such a response is invalid. */
function isValidHeader(name: string, value: string): boolean {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

import { randomUUID } from "node:crypto";
import { httpAnswerer } from "./answer-http";
import { isBase64Body } from "./openwhisk-media-types";
import type { AdapterOptions, PlatformRequest } from "./platform-http";

/**
 * What a raw HTTP web action receives (`wsk action create ... --web raw`): the request's context in `__ow_`
 * parameters, the query unparsed and the body as a string, base64 for binary and JSON bodies
 * (https://github.com/apache/openwhisk/blob/master/docs/webactions.md, "HTTP Context", "Raw HTTP handling").
 */
export interface WebActionParams {
  /** Lower case: `get`, `post`. */
  __ow_method: string;
  /** The path after the action's name (and extension): `/quotes/01J...`. */
  __ow_path: string;
  __ow_headers: Record<string, string>;
  __ow_query?: string;
  /** The empty string when the request had no body. */
  __ow_body?: string;
}

/** A web action's answer: "headers", "statusCode", "body" (base64 for binary media types, JSON included). */
export interface WebActionResult {
  statusCode: number;
  headers: Record<string, string>;
  body?: string;
}

/**
 * An OpenWhisk web action `main(params)` serving the service. The request id is the activation's,
 * which OpenWhisk's Node.js runtime sets as `__OW_ACTIVATION_ID` for each activation
 * (https://github.com/apache/openwhisk/blob/master/docs/actions.md, "Accessing action metadata within the action body").
 */
export function openWhiskWebAction(
  options: AdapterOptions,
  environment: () => Record<string, string | undefined> = () => process.env,
) {
  const answer = httpAnswerer(options);
  return async (params: WebActionParams): Promise<WebActionResult> => {
    const response = await answer(
      fromWebActionParams(params, environment().__OW_ACTIVATION_ID ?? randomUUID()),
    );
    const result: WebActionResult = { statusCode: response.statusCode, headers: response.headers };
    if (response.body.length > 0) {
      const base64 = isBase64Body(response.headers["content-type"] ?? "application/octet-stream");
      result.body = response.body.toString(base64 ? "base64" : "utf8");
    }
    return result;
  };
}

function fromWebActionParams(params: WebActionParams, requestId: string): PlatformRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.__ow_headers ?? {})) headers[name.toLowerCase()] = value;
  const raw = params.__ow_body ?? "";
  return {
    method: params.__ow_method.toUpperCase(),
    rawPath: params.__ow_path === "" ? "/" : params.__ow_path,
    rawQuery: params.__ow_query ?? "",
    headers,
    body:
      raw === "" ? undefined : Buffer.from(raw, isBase64Body(headers["content-type"]) ? "base64" : "utf8"),
    requestId,
  };
}

import { parseQueryString } from "@holonet/lambda-kit/query-string";

/**
 * A raw query string as API Gateway's payload format 2.0 hands it over in `queryStringParameters`, read by
 * the same parser as the local gateway's; no query is an empty object, as the Lambda side reads it.
 */
export const parseRawQuery = (rawQuery: string): Record<string, string> =>
  parseQueryString(rawQuery) ?? Object.create(null);

/** Splits a request target (`/path?query`) into its raw path and raw query string. */
export function splitTarget(target: string): { rawPath: string; rawQuery: string } {
  const at = target.indexOf("?");
  return at === -1
    ? { rawPath: target, rawQuery: "" }
    : { rawPath: target.slice(0, at), rawQuery: target.slice(at + 1) };
}

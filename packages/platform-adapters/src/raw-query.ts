import { parseQueryString } from "@holonet/local-gateway/query-string";

/**
 * A raw query string as API Gateway's payload format 2.0 hands it over in `queryStringParameters`, by the
 * local gateway's own reading of it. Read from the raw string because the platforms' own parsers do
 * otherwise (Express turns `a=1&a=2` into an array and `a[b]=1` into an object).
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

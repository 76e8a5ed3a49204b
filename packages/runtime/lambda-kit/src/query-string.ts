import { decodeQueryComponent } from "./percent-decoding";

/**
 * `queryStringParameters` of a format 2.0 event: decoded, duplicate keys joined with commas, absent when
 * there is no query (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * A key without `=` has the empty string as its value. The platform adapters read a raw query with it too,
 * since the platforms' own parsers read it otherwise (Express: `a=1&a=2` as an array, `a[b]=1` as an object).
 */
export function parseQueryString(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === "") return undefined;
  // No prototype: a client's `?__proto__=x` must stay a plain key.
  const parameters: Record<string, string> = Object.create(null);
  let found = false;
  for (const pair of rawQueryString.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const key = decodeQueryComponent(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? "" : decodeQueryComponent(pair.slice(equals + 1));
    const previous = parameters[key];
    parameters[key] = previous === undefined ? value : `${previous},${value}`;
    found = true;
  }
  return found ? parameters : undefined;
}

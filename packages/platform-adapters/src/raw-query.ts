/**
 * A raw query string as API Gateway's payload format 2.0 hands it over in `queryStringParameters`:
 * decoded (`+` is a space), a key without `=` has the empty string, duplicate keys are joined with commas
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * Read from the raw string because the platforms' own parsers do otherwise (Express turns
 * `a=1&a=2` into an array and `a[b]=1` into an object).
 */
export function parseRawQuery(rawQuery: string): Record<string, string> {
  // No prototype: a client's `?__proto__=x` stays a plain key.
  const query: Record<string, string> = Object.create(null);
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const key = decodeQueryComponent(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? "" : decodeQueryComponent(pair.slice(equals + 1));
    const previous = query[key];
    query[key] = previous === undefined ? value : `${previous},${value}`;
  }
  return query;
}

function decodeQueryComponent(value: string): string {
  const spaced = value.replaceAll("+", " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Splits a request target (`/path?query`) into its raw path and raw query string. */
export function splitTarget(target: string): { rawPath: string; rawQuery: string } {
  const at = target.indexOf("?");
  return at === -1
    ? { rawPath: target, rawQuery: "" }
    : { rawPath: target.slice(0, at), rawQuery: target.slice(at + 1) };
}

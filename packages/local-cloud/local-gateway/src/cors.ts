import type { CorsSettings } from "./http-api-options";

type Headers = Record<string, string | string[]>;

export interface Cors {
  /**
   * The headers of the gateway's own answer to a preflight, or null when the origin is not allowed (the
   * answer then carries no CORS header, and the browser blocks the call).
   */
  preflightHeaders(origin: string): Record<string, string> | null;
  /**
   * An integration's answer as the client gets it: the function's own CORS headers dropped, the configured
   * ones added for an allowed origin.
   */
  withResponseHeaders(headers: Headers, origin: string | undefined): Headers;
}

/**
 * CORS as an HTTP API does it, and only where it is configured: "If you configure CORS for an API, API
 * Gateway automatically sends a response to preflight OPTIONS requests, even if there isn't an OPTIONS route
 * configured for your API. For a CORS request, API Gateway adds the configured CORS headers to the response
 * from an integration", and "If you configure CORS for an API, API Gateway ignores CORS headers returned
 * from your backend integration" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html).
 * With no configuration (null) there is no preflight answer and the function's headers pass on as it sent them.
 * `allowOrigins` takes exact origins, `*`, and `https://*` or `http://*` for any origin of that scheme (the
 * same page). An allowed origin is answered with its own name, never `*`, with `vary: origin` so that no cache
 * hands one origin's answer to another.
 */
export function compileCors(settings: CorsSettings | undefined): Cors | null {
  if (settings === undefined) return null;
  const isAllowed = originMatcher(settings.allowOrigins);

  const shared: Record<string, string> = { vary: "origin" };
  if (settings.allowCredentials === true) shared["access-control-allow-credentials"] = "true";
  const preflight: Record<string, string> = { ...shared };
  if (settings.allowMethods.length > 0) {
    preflight["access-control-allow-methods"] = settings.allowMethods.join(",");
  }
  if (settings.allowHeaders.length > 0) {
    preflight["access-control-allow-headers"] = settings.allowHeaders.join(",");
  }
  preflight["access-control-max-age"] = String(settings.maxAgeSeconds);
  const actual: Record<string, string> = { ...shared };
  if (settings.exposeHeaders.length > 0) {
    actual["access-control-expose-headers"] = settings.exposeHeaders.join(",");
  }

  return {
    preflightHeaders: (origin) =>
      isAllowed(origin) ? { ...preflight, "access-control-allow-origin": origin } : null,
    withResponseHeaders(headers, origin) {
      const own: Headers = {};
      for (const [name, value] of Object.entries(headers)) {
        if (!name.startsWith("access-control-")) own[name] = value;
      }
      if (origin === undefined || !isAllowed(origin)) return own;
      const ownVary = own.vary;
      const merged: Headers = { ...own, ...actual, "access-control-allow-origin": origin };
      if (ownVary !== undefined) merged.vary = `${ownVary}, origin`;
      return merged;
    },
  };
}

const SCHEME_WILDCARD = /^(https?:\/\/)\*$/;

function originMatcher(allowOrigins: readonly string[]): (origin: string) => boolean {
  const exact = new Set<string>();
  const schemes: string[] = [];
  let any = false;
  for (const entry of allowOrigins.map((origin) => origin.toLowerCase())) {
    const scheme = SCHEME_WILDCARD.exec(entry)?.[1];
    if (entry === "*") any = true;
    else if (scheme !== undefined) schemes.push(scheme);
    else exact.add(entry);
  }
  return (origin) => {
    const lower = origin.toLowerCase();
    // A scheme alone ("https://") names no host: no origin a browser sends looks like it.
    return (
      any ||
      exact.has(lower) ||
      schemes.some((scheme) => lower.startsWith(scheme) && lower.length > scheme.length)
    );
  };
}

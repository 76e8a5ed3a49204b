import type { CorsSettings } from "./http-api";

export interface Cors {
  /**
   * The headers of the gateway's own answer to a preflight, or null when the origin is not allowed (the
   * answer then carries no CORS header, and the browser blocks the call).
   */
  preflightHeaders(origin: string): Record<string, string> | null;
  /** The headers added to an actual response for this origin; null when it is not allowed. */
  responseHeaders(origin: string | undefined): Record<string, string> | null;
}

/**
 * CORS as an HTTP API does it: "API Gateway automatically sends a response to preflight OPTIONS requests,
 * even if there isn't an OPTIONS route configured", and "adds the configured CORS headers to the response
 * from an integration" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html).
 * Only the configured origins are allowed, each answered with its own name, never `*`, with `vary: origin`
 * so that no cache hands one origin's answer to another.
 */
export function compileCors(settings: CorsSettings): Cors {
  const anyOrigin = settings.allowOrigins.includes("*");
  const origins = new Set(settings.allowOrigins.map((origin) => origin.toLowerCase()));
  const isAllowed = (origin: string) => anyOrigin || origins.has(origin.toLowerCase());

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
    responseHeaders: (origin) =>
      origin !== undefined && isAllowed(origin) ? { ...actual, "access-control-allow-origin": origin } : null,
  };
}

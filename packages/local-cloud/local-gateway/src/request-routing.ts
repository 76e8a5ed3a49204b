import type { IncomingHttpHeaders } from "node:http";
import type { RouteMatch, RouteMatcher } from "@holonet/lambda-kit/route-matcher";
import type { Cors } from "./cors";
import type { GatewayRoute } from "./http-api-options";

/** Where an admitted request goes: the gateway's own preflight answer, its 404, or a route's integration. */
export type Routing =
  | { kind: "preflight"; headers: Record<string, string> }
  | { kind: "not-found" }
  | { kind: "routed"; match: RouteMatch<GatewayRoute>; origin: string | undefined };

/**
 * With CORS configured the gateway answers a preflight itself, with no body and no function call; without,
 * an OPTIONS request is routed like any other (an ANY or $default route takes it). A preflight from an
 * origin not allowed is answered with no CORS header, and the browser blocks the call.
 */
export function route(
  matchRoute: RouteMatcher<GatewayRoute>,
  cors: Cors | null,
  request: { method: string; rawPath: string; headers: IncomingHttpHeaders },
): Routing {
  const { method, headers } = request;
  const origin = headers.origin;
  const preflight = method === "OPTIONS" && origin !== undefined && headers["access-control-request-method"];
  if (cors !== null && preflight) return { kind: "preflight", headers: cors.preflightHeaders(origin) ?? {} };
  const match = matchRoute(method, request.rawPath);
  return match === null ? { kind: "not-found" } : { kind: "routed", match, origin };
}

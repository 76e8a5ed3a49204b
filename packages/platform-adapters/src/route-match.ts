import type { FunctionName } from "@holonet/contracts/functions";
import { ROUTES, routeKey } from "@holonet/contracts/routes";

export interface MatchedRoute {
  routeKey: string;
  /** Decoded, as API Gateway hands them to a function. */
  pathParameters: Record<string, string>;
}

/** Finds the route a request names among one function's routes, or null: the gateway's 404. */
export type RouteMatcher = (method: string, rawPath: string) => MatchedRoute | null;

type Segment = { literal: string } | { variable: string };

interface CompiledRoute {
  method: string;
  routeKey: string;
  segments: Segment[];
}

const VARIABLE = /^\{([^{}+]+)\}$/;

/**
 * Off AWS a platform gives each function one URL and no router, so the adapter routes as API Gateway
 * would, from the same route table: method and path, literal segments before path variables
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
 * Only the forms the table uses are known here: literal segments and `{name}`.
 */
export function routesOf(service: FunctionName): RouteMatcher {
  const routes: CompiledRoute[] = ROUTES.filter((route) => route.function === service)
    .map((route) => ({
      method: route.method,
      routeKey: routeKey(route),
      segments: route.path
        .split("/")
        .slice(1)
        .map((part): Segment => {
          const variable = VARIABLE.exec(part)?.[1];
          return variable === undefined ? { literal: part } : { variable };
        }),
    }))
    .sort((a, b) => variableCount(a) - variableCount(b));

  return (method, rawPath) => {
    const parts = rawPath.split("/").slice(1);
    for (const route of routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const pathParameters = matchSegments(route.segments, parts);
      if (pathParameters) return { routeKey: route.routeKey, pathParameters };
    }
    return null;
  };
}

const variableCount = (route: CompiledRoute) => route.segments.filter((s) => "variable" in s).length;

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | null {
  const parameters: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = decodeSegment(parts[i] ?? "");
    if ("literal" in segment) {
      if (segment.literal !== part) return null;
    } else {
      if (part === "") return null;
      parameters[segment.variable] = part;
    }
  }
  return parameters;
}

/** A malformed percent-encoding is passed on as sent: the contract, not the router, refuses it. */
function decodeSegment(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

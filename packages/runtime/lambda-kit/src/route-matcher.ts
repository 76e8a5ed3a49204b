import { decodeComponent } from "./percent-decoding";

/** A route as API Gateway declares it: `GET /quotes/{id}`; a greedy `{proxy+}` may end the path; `$default` catches the rest. */
export interface RouteDefinition {
  method: string;
  path: string;
}

export interface RouteMatch<R extends RouteDefinition> {
  route: R;
  routeKey: string;
  /** Decoded, as API Gateway hands them to a function; undefined when the route has none. */
  pathParameters: Record<string, string> | undefined;
}

/** Finds the route a request names, or null: API Gateway's own 404. */
export type RouteMatcher<R extends RouteDefinition> = (
  method: string,
  rawPath: string,
) => RouteMatch<R> | null;

type Segment = { kind: "literal"; value: string } | { kind: "variable"; name: string };

interface CompiledRoute<R extends RouteDefinition> {
  route: R;
  routeKey: string;
  method: string;
  segments: Segment[];
  greedy: string | null;
  isDefault: boolean;
}

const VARIABLE = /^\{([^{}+]+)\}$/;
const GREEDY = /^\{([^{}+]+)\+\}$/;

/**
 * Compiles the route table once. API Gateway picks "the route with the most-specific match": a full match
 * of route and method first, then a route with a greedy path variable, then `$default`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html). Within each
 * tier a literal segment beats a variable, a longer greedy prefix beats a shorter one, and a route's own
 * method beats `ANY`, which "matches all methods that you haven't defined for a resource". HEAD is a method
 * like any other: it matches a HEAD or ANY route, not GET.
 *
 * One matcher for the local gateway and for the platforms that give a function one URL and no router, so
 * that both route a request as API Gateway would.
 */
export function compileRoutes<R extends RouteDefinition>(routes: readonly R[]): RouteMatcher<R> {
  const compiled = routes.map((route) => compileRoute(route)).sort(bySpecificity);
  const exact = new Map<string, CompiledRoute<R>>();
  for (const route of compiled) {
    const key = `${route.method} ${route.route.path}`;
    if (!route.isDefault && !route.greedy && route.segments.every((s) => s.kind === "literal")) {
      if (!exact.has(key)) exact.set(key, route);
    }
  }
  const patterned = compiled.filter((route) => !exact.has(`${route.method} ${route.route.path}`));

  return (method, rawPath) => {
    // Most requests name a literal route with nothing to decode: one map lookup answers them. A literal
    // path outranks any variable, so even `ANY /x` beats `GET /{id}` here.
    if (!rawPath.includes("%")) {
      const hit = exact.get(`${method} ${rawPath}`) ?? exact.get(`ANY ${rawPath}`);
      if (hit) {
        return { route: hit.route, routeKey: hit.routeKey, pathParameters: undefined };
      }
    }
    const segments = splitPath(rawPath);
    for (const route of rawPath.includes("%") ? compiled : patterned) {
      if (route.method !== "ANY" && route.method !== method) continue;
      const pathParameters = matchSegments(route, segments);
      if (pathParameters !== null) {
        return {
          route: route.route,
          routeKey: route.routeKey,
          pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : undefined,
        };
      }
    }
    return null;
  };
}

function compileRoute<R extends RouteDefinition>(route: R): CompiledRoute<R> {
  const method = route.method.toUpperCase();
  if (route.path === "$default") {
    return { route, routeKey: "$default", method: "ANY", segments: [], greedy: null, isDefault: true };
  }
  const parts = splitPath(route.path);
  const last = parts.at(-1);
  const greedyName = last === undefined ? null : (GREEDY.exec(last)?.[1] ?? null);
  const fixed = greedyName === null ? parts : parts.slice(0, -1);
  const segments = fixed.map((part): Segment => {
    const variable = VARIABLE.exec(part)?.[1];
    return variable === undefined ? { kind: "literal", value: part } : { kind: "variable", name: variable };
  });
  return {
    route,
    routeKey: `${method} ${route.path}`,
    method,
    segments,
    greedy: greedyName,
    isDefault: false,
  };
}

const splitPath = (path: string) => path.split("/").slice(1);

function matchSegments(
  route: CompiledRoute<RouteDefinition>,
  segments: string[],
): Record<string, string> | null {
  if (route.isDefault) return {};
  const fixed = route.segments.length;
  if (route.greedy === null ? segments.length !== fixed : segments.length <= fixed) return null;
  const parameters: Record<string, string> = {};
  for (let i = 0; i < fixed; i++) {
    const pattern = route.segments[i] as Segment;
    const segment = decodeComponent(segments[i] as string);
    if (pattern.kind === "literal") {
      if (pattern.value !== segment) return null;
    } else {
      if (segment === "") return null;
      parameters[pattern.name] = segment;
    }
  }
  if (route.greedy !== null) {
    const rest = segments.slice(fixed).map(decodeComponent).join("/");
    if (rest === "") return null;
    parameters[route.greedy] = rest;
  }
  return parameters;
}

/** Orders routes so that the first one to match a request is the most specific. */
function bySpecificity(a: CompiledRoute<RouteDefinition>, b: CompiledRoute<RouteDefinition>): number {
  if (a.isDefault !== b.isDefault) return a.isDefault ? 1 : -1;
  if ((a.greedy === null) !== (b.greedy === null)) return a.greedy === null ? -1 : 1;
  const shared = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < shared; i++) {
    const left = (a.segments[i] as Segment).kind;
    const right = (b.segments[i] as Segment).kind;
    if (left !== right) return left === "literal" ? -1 : 1;
  }
  if (a.segments.length !== b.segments.length) return b.segments.length - a.segments.length;
  if ((a.method === "ANY") !== (b.method === "ANY")) return a.method === "ANY" ? 1 : -1;
  return 0;
}

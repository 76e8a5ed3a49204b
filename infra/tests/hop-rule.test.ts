import { type Route, routeKey } from "@holonet/contracts/routes";
import { describe, expect, it } from "vitest";
import { FUNCTIONS, type FunctionDefinition, ROUTES } from "../src/app-definition";

// The architecture's rule: no request hops more than 3 services deep. A request goes client -> API route ->
// function -> (the functions it calls) -> a bucket it uses; each arrow is a hop.
const MAX_HOPS = 3;

interface Definition {
  routes: readonly (Pick<Route, "method" | "path"> & { function: string })[];
  functions: Record<string, Pick<FunctionDefinition, "uses"> & { calls: readonly string[] }>;
}

/** Every path of a request from the client to a data store, as the names of what it passes. */
function requestPaths(definition: Definition): string[][] {
  const fromFunction = (name: string, seen: string[]): string[][] => {
    if (seen.includes(name)) throw new Error(`a call cycle: ${[...seen, name].join(" -> ")}`);
    const fn = definition.functions[name];
    if (!fn) throw new Error(`unknown function ${name}, called after ${seen.join(" -> ")}`);
    const here = [...seen, name];
    return [
      ...fn.uses.map((use) => [...here, `${use.bucket} bucket`]),
      ...fn.calls.flatMap((callee) => fromFunction(callee, here)),
    ];
  };
  return definition.routes.flatMap((route) =>
    fromFunction(route.function, []).map((rest) => ["client", routeKey(route), ...rest]),
  );
}

/** The longest path, and every path over the limit named as `client -> GET /quotes -> store-get -> data bucket`. */
function hopViolations(definition: Definition, maxHops = MAX_HOPS) {
  const paths = requestPaths(definition);
  const hops = (path: string[]) => path.length - 1;
  const longest = paths.reduce<string[]>((best, path) => (hops(path) > hops(best) ? path : best), []);
  return {
    longest: longest.join(" -> "),
    violations: paths
      .filter((path) => hops(path) > maxHops)
      .map((path) => `${path.join(" -> ")} is ${hops(path)} hops, more than ${maxHops}`),
  };
}

const holonet: Definition = { routes: ROUTES, functions: FUNCTIONS };

describe("the hop rule", () => {
  it("holds for Holonet: no request passes more than 3 hops from the client to a data store", () => {
    const { longest, violations } = hopViolations(holonet);
    expect(violations).toEqual([]);
    expect(longest).toBe("client -> POST /quotes -> store-save -> data bucket");
  });

  it("fails a made-up definition with a 4-hop chain, naming the path", () => {
    const chained: Definition = {
      routes: [{ method: "GET", path: "/report", function: "report" }],
      functions: {
        report: { uses: [], calls: ["store-get"] },
        "store-get": { uses: [{ bucket: "data", prefix: "quotes/", actions: ["read"] }], calls: [] },
      },
    };
    expect(hopViolations(chained).violations).toEqual([
      "client -> GET /report -> report -> store-get -> data bucket is 4 hops, more than 3",
    ]);
  });

  it("refuses a call cycle, which would make a request endless", () => {
    const cycle: Definition = {
      routes: [{ method: "GET", path: "/loop", function: "a" }],
      functions: { a: { uses: [], calls: ["b"] }, b: { uses: [], calls: ["a"] } },
    };
    expect(() => requestPaths(cycle)).toThrow("a call cycle: a -> b -> a");
  });
});

import type { FunctionName } from "@holonet/contracts/functions";
import { ROUTES } from "@holonet/contracts/routes";
import { describe, expect, it } from "vitest";
import { compileRoutes, type RouteDefinition } from "../src/route-matcher";

const route = (method: string, path: string): RouteDefinition => ({ method, path });

describe("route matching", () => {
  it("matches method and path exactly, and nothing else", () => {
    const match = compileRoutes([route("GET", "/quotes"), route("POST", "/quotes")]);
    expect(match("GET", "/quotes")?.routeKey).toBe("GET /quotes");
    expect(match("POST", "/quotes")?.routeKey).toBe("POST /quotes");
    expect(match("PUT", "/quotes")).toBeNull();
    expect(match("GET", "/quotes/")).toBeNull();
    expect(match("GET", "/quote")).toBeNull();
    expect(match("GET", "/quotes")?.pathParameters).toBeUndefined();
  });

  it("binds a path parameter to one decoded segment", () => {
    const match = compileRoutes([route("GET", "/quotes/{id}")]);
    expect(match("GET", "/quotes/01J2ABC")?.pathParameters).toEqual({ id: "01J2ABC" });
    expect(match("GET", "/quotes/a%20b%2Fc")?.pathParameters).toEqual({ id: "a b/c" });
    expect(match("GET", "/quotes/a/b")).toBeNull();
    expect(match("GET", "/quotes/")).toBeNull();
  });

  it("follows the routing example of AWS's docs, most specific first", () => {
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
    const match = compileRoutes([
      route("ANY", "$default"),
      route("ANY", "/{proxy+}"),
      route("GET", "/pets/{proxy+}"),
      route("GET", "/pets/dog/{id}"),
    ]);
    expect(match("GET", "/pets/dog/1")?.routeKey).toBe("GET /pets/dog/{id}");
    expect(match("GET", "/pets/cat/1")).toMatchObject({
      routeKey: "GET /pets/{proxy+}",
      pathParameters: { proxy: "cat/1" },
    });
    expect(match("POST", "/test/5")?.routeKey).toBe("ANY /{proxy+}");
    expect(match("GET", "/")?.routeKey).toBe("$default");
  });

  it("prefers a literal segment to a variable, whatever the order of declaration", () => {
    const match = compileRoutes([route("GET", "/quotes/{id}"), route("GET", "/quotes/latest")]);
    expect(match("GET", "/quotes/latest")?.routeKey).toBe("GET /quotes/latest");
    expect(match("GET", "/quotes/x")?.routeKey).toBe("GET /quotes/{id}");
  });

  it("uses ANY only for methods the path has no route of its own for", () => {
    const match = compileRoutes([route("ANY", "/items"), route("GET", "/items")]);
    expect(match("GET", "/items")?.routeKey).toBe("GET /items");
    expect(match("DELETE", "/items")?.routeKey).toBe("ANY /items");
  });

  // ANY "matches all methods that you haven't defined for a resource", and $default catches "requests for all
  // methods and routes that you haven't explicitly defined, including OPTIONS requests"
  // (http-api-develop-routes.html, http-api-cors.html): where the gateway answers no preflight, one lands here.
  it("gives OPTIONS to an ANY route, or else to $default, never to a route of another method", () => {
    const match = compileRoutes([
      route("GET", "/quotes"),
      route("ANY", "/files/{proxy+}"),
      route("ANY", "/items"),
      route("ANY", "$default"),
    ]);
    expect(match("OPTIONS", "/items")?.routeKey).toBe("ANY /items");
    expect(match("OPTIONS", "/files/a/b")?.routeKey).toBe("ANY /files/{proxy+}");
    expect(match("OPTIONS", "/quotes")?.routeKey).toBe("$default");
    expect(compileRoutes([route("GET", "/quotes")])("OPTIONS", "/quotes")).toBeNull();
  });

  it("does not answer HEAD with a GET route", () => {
    const match = compileRoutes([route("GET", "/quotes"), route("HEAD", "/heads")]);
    expect(match("HEAD", "/quotes")).toBeNull();
    expect(match("HEAD", "/heads")?.routeKey).toBe("HEAD /heads");
  });

  it("needs at least one segment for a greedy variable", () => {
    const match = compileRoutes([route("GET", "/files/{proxy+}")]);
    expect(match("GET", "/files")).toBeNull();
    expect(match("GET", "/files/a/b%20c")?.pathParameters).toEqual({ proxy: "a/b c" });
  });

  it("matches a percent-encoded literal path, and keeps malformed encoding as sent", () => {
    const match = compileRoutes([route("GET", "/quotes"), route("GET", "/quotes/{id}")]);
    expect(match("GET", "/quot%65s")?.routeKey).toBe("GET /quotes");
    expect(match("GET", "/quotes/%zz%E0%A4")?.pathParameters).toEqual({ id: "%zz%E0%A4" });
  });
});

describe("routing within one function, by the route table", () => {
  // A platform that gives each function one URL routes among that function's rows of the table alone.
  const routesOf = (service: FunctionName) => compileRoutes(ROUTES.filter((r) => r.function === service));
  const storeGet = routesOf("store-get");

  it("matches a literal route with no path parameters", () => {
    expect(storeGet("GET", "/quotes")).toMatchObject({ routeKey: "GET /quotes", pathParameters: undefined });
  });

  it("matches a path variable and decodes it", () => {
    expect(storeGet("GET", "/quotes/01J%41")).toMatchObject({
      routeKey: "GET /quotes/{id}",
      pathParameters: { id: "01JA" },
    });
  });

  it("passes a malformed percent-encoding on as sent, for the contract to refuse", () => {
    expect(storeGet("GET", "/quotes/%zz")?.pathParameters).toEqual({ id: "%zz" });
  });

  it.each([
    ["GET", "/quotes/"],
    ["GET", "/quotes/a/b"],
    ["HEAD", "/quotes"],
    ["POST", "/quotes"],
    ["GET", "/quote"],
    ["GET", "/"],
  ])("finds no route of store-get for %s %s", (method, path) => {
    expect(storeGet(method, path)).toBeNull();
  });

  it("knows each function's own routes only", () => {
    expect(routesOf("store-save")("POST", "/quotes")?.routeKey).toBe("POST /quotes");
    expect(routesOf("quote")("GET", "/quote")?.routeKey).toBe("GET /quote");
    expect(routesOf("quote")("GET", "/quotes")).toBeNull();
  });
});

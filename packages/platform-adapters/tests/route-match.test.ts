import { describe, expect, it } from "vitest";
import { routesOf } from "../src/route-match";

describe("routing within one function, by the route table", () => {
  const storeGet = routesOf("store-get");

  it("matches a literal route with no path parameters", () => {
    expect(storeGet("GET", "/quotes")).toEqual({ routeKey: "GET /quotes", pathParameters: {} });
  });

  it("matches a path variable and decodes it", () => {
    expect(storeGet("GET", "/quotes/01J%41")).toEqual({
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

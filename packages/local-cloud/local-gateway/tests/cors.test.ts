import { afterEach, describe, expect, it } from "vitest";
import { CORS, json, QUOTE_ROUTES, startTestApi, type TestApi } from "./test-api";

let gateway: TestApi;
afterEach(() => gateway.close());

const ALLOWED = "http://127.0.0.1:8080";

describe("CORS", () => {
  it("answers a preflight from an allowed origin itself, with the configured headers", async () => {
    gateway = await startTestApi();
    const response = await fetch(`${gateway.api.url}/quotes`, {
      method: "OPTIONS",
      headers: {
        origin: ALLOWED,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(response.headers.get("access-control-allow-methods")).toBe("GET,POST");
    expect(response.headers.get("access-control-allow-headers")).toBe("content-type,if-none-match");
    expect(response.headers.get("access-control-max-age")).toBe("300");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(gateway.events).toHaveLength(0);
  });

  it("answers a preflight from another origin without any CORS header", async () => {
    gateway = await startTestApi();
    const response = await fetch(`${gateway.api.url}/quotes`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(204);
    expect([...response.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
    expect(gateway.events).toHaveLength(0);
  });

  it("adds the CORS headers to a function's response for an allowed origin, replacing the function's own", async () => {
    gateway = await startTestApi({
      answer: () =>
        json({
          statusCode: 200,
          headers: { "access-control-allow-origin": "*", vary: "accept" },
          body: "ok",
        }),
    });
    const response = await fetch(`${gateway.api.url}/quote`, { headers: { origin: ALLOWED } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(response.headers.get("access-control-expose-headers")).toBe("etag,location");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("vary")).toBe("accept, origin");
  });

  it("adds no CORS header for an origin that is not allowed, nor without an origin", async () => {
    gateway = await startTestApi();
    const foreign = await fetch(`${gateway.api.url}/quote`, { headers: { origin: "https://evil.example" } });
    const none = await fetch(`${gateway.api.url}/quote`);
    for (const response of [foreign, none]) {
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("sends an OPTIONS request that is not a preflight to routing", async () => {
    gateway = await startTestApi();
    const response = await fetch(`${gateway.api.url}/quotes`, {
      method: "OPTIONS",
      headers: { origin: ALLOWED },
    });
    expect(response.status).toBe(404);
    const files = await fetch(`${gateway.api.url}/files/a`, { method: "OPTIONS" });
    expect(files.status).toBe(200);
    expect(gateway.events).toHaveLength(1);
  });

  // "If you configure CORS for an API, API Gateway ignores CORS headers returned from your backend
  // integration" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html): for every
  // origin, an allowed one or not.
  it("drops the function's own CORS headers when CORS is configured, whatever the origin", async () => {
    gateway = await startTestApi({
      answer: () =>
        json({
          statusCode: 200,
          headers: { "access-control-allow-origin": "*", "x-own": "kept" },
          body: "ok",
        }),
    });
    for (const headers of [{ origin: "https://evil.example" }, {} as Record<string, string>]) {
      const response = await fetch(`${gateway.api.url}/quote`, { headers });
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(response.headers.get("x-own")).toBe("kept");
    }
  });

  // The same page lists `https://*` and `http://*` as allowOrigins values: any origin of that scheme.
  it("allows every origin of a scheme for an `https://*` or `http://*` entry, answering the origin itself", async () => {
    gateway = await startTestApi({ cors: { ...CORS, allowOrigins: ["https://*"] } });
    const secure = await fetch(`${gateway.api.url}/quote`, {
      headers: { origin: "https://app.example.com" },
    });
    expect(secure.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    const plain = await fetch(`${gateway.api.url}/quote`, { headers: { origin: "http://app.example.com" } });
    expect(plain.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${gateway.api.url}/quotes`, {
      method: "OPTIONS",
      headers: { origin: "https://other.example:8443", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://other.example:8443");
    await gateway.close();

    gateway = await startTestApi({ cors: { ...CORS, allowOrigins: ["http://*"] } });
    const local = await fetch(`${gateway.api.url}/quote`, { headers: { origin: "http://127.0.0.1:4563" } });
    expect(local.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:4563");
    const other = await fetch(`${gateway.api.url}/quote`, { headers: { origin: "https://127.0.0.1:4563" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

// CORS handling is something an HTTP API does only when configured (http-api-cors.html); with none, the
// function answers for itself.
describe("an API with no CORS configuration", () => {
  it("passes the function's own CORS headers on", async () => {
    gateway = await startTestApi({
      cors: undefined,
      answer: () =>
        json({
          statusCode: 200,
          headers: { "access-control-allow-origin": "https://site.example", vary: "origin" },
          body: "ok",
        }),
    });
    const response = await fetch(`${gateway.api.url}/quote`, { headers: { origin: "https://site.example" } });
    expect(response.headers.get("access-control-allow-origin")).toBe("https://site.example");
    expect(response.headers.get("access-control-expose-headers")).toBeNull();
    expect(response.headers.get("vary")).toBe("origin");
  });

  // "The $default route catches requests for all methods and routes that you haven't explicitly defined,
  // including OPTIONS requests" (http-api-cors.html, on $default routes); without CORS the gateway answers
  // no preflight itself, so one goes to the route that matches it, or gets the 404 of no route.
  it("routes a preflight like any request: to an ANY or $default route, else a 404", async () => {
    const preflight = { origin: "https://site.example", "access-control-request-method": "POST" };
    gateway = await startTestApi({
      cors: undefined,
      answer: () =>
        json({ statusCode: 204, headers: { "access-control-allow-origin": "https://site.example" } }),
    });
    const noRoute = await fetch(`${gateway.api.url}/quotes`, { method: "OPTIONS", headers: preflight });
    expect(noRoute.status).toBe(404);
    const anyRoute = await fetch(`${gateway.api.url}/files/a`, { method: "OPTIONS", headers: preflight });
    expect(anyRoute.status).toBe(204);
    expect(anyRoute.headers.get("access-control-allow-origin")).toBe("https://site.example");
    expect(gateway.events.map((event) => event.routeKey)).toEqual(["ANY /files/{proxy+}"]);
    expect(gateway.events[0]?.requestContext.http.method).toBe("OPTIONS");
    await gateway.close();

    gateway = await startTestApi({
      cors: undefined,
      routes: [
        ...QUOTE_ROUTES,
        { method: "ANY", path: "$default", target: { functionName: "fallback", qualifier: "dev" } },
      ],
    });
    const caught = await fetch(`${gateway.api.url}/quotes`, { method: "OPTIONS", headers: preflight });
    expect(caught.status).toBe(200);
    expect(gateway.events.map((event) => event.routeKey)).toEqual(["$default"]);
    expect(gateway.targets.map((target) => target.functionName)).toEqual(["fallback"]);
  });
});

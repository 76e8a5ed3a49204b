import { afterEach, describe, expect, it } from "vitest";
import { json, startTestApi, type TestApi } from "./test-api";

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
});

import { compileRoutes } from "@holonet/lambda-kit/route-matcher";
import { describe, expect, it } from "vitest";
import { compileCors } from "../src/cors";
import { FORBIDDEN_HOST, HEADERS_TOO_LARGE, TOO_MANY_REQUESTS } from "../src/gateway-errors";
import { type ExchangeState, sourceIp, traceHeaderOf } from "../src/gateway-exchange";
import { gatewayRecord } from "../src/gateway-reply";
import { answerIntegration } from "../src/integration";
import { admit, type RequestHead, requestLineAndHeaderValuesSize } from "../src/request-admission";
import { route } from "../src/request-routing";
import { CORS, QUOTE_ROUTES } from "./test-api";

const open = { take: () => true };
const head = (overrides: Partial<RequestHead> = {}): RequestHead => ({
  method: "GET",
  url: "/quote?isJedi=true",
  rawHeaders: ["Host", "127.0.0.1:3000"],
  host: "127.0.0.1:3000",
  ...overrides,
});

describe("admit", () => {
  it("admits a loopback request within the limits", () => {
    expect(admit(open, head())).toBeNull();
  });

  it("throttles before it looks at anything else", () => {
    const refusal = admit(
      { take: () => false },
      head({ host: "evil.example", url: `/${"x".repeat(20_000)}` }),
    );
    expect(refusal).toEqual({ error: TOO_MANY_REQUESTS });
  });

  it("refuses a request line and header values over 10240 bytes, closing the connection", () => {
    const url = `/${"x".repeat(10_240)}`;
    expect(admit(open, head({ url, host: "evil.example" }))).toEqual({
      error: HEADERS_TOO_LARGE,
      headers: { connection: "close" },
    });
  });

  it("refuses a host that is not a loopback name", () => {
    expect(admit(open, head({ host: "rebound.example:3000" }))).toEqual({ error: FORBIDDEN_HOST });
  });

  it("counts the method, the target and the header values, not the header names", () => {
    const size = requestLineAndHeaderValuesSize(head({ rawHeaders: ["Host", "abc", "X-Long-Name", "de"] }));
    expect(size).toBe("GET".length + "/quote?isJedi=true".length + 3 + 2);
  });
});

describe("route", () => {
  const matchRoute = compileRoutes(QUOTE_ROUTES);
  const cors = compileCors(CORS);
  const preflight = {
    method: "OPTIONS",
    rawPath: "/quote",
    headers: { origin: "http://127.0.0.1:8080", "access-control-request-method": "GET" },
  };

  it("routes a request to its route's target, with the request's origin", () => {
    const routing = route(matchRoute, cors, { method: "GET", rawPath: "/quotes/42", headers: {} });
    expect(routing).toMatchObject({
      kind: "routed",
      match: { routeKey: "GET /quotes/{id}", pathParameters: { id: "42" } },
      origin: undefined,
    });
  });

  it("answers a preflight itself where CORS is configured", () => {
    const routing = route(matchRoute, cors, preflight);
    expect(routing).toMatchObject({
      kind: "preflight",
      headers: { "access-control-allow-origin": "http://127.0.0.1:8080" },
    });
  });

  it("answers a preflight from an origin not allowed with no CORS header", () => {
    const headers = { ...preflight.headers, origin: "http://elsewhere.example" };
    expect(route(matchRoute, cors, { ...preflight, headers })).toEqual({ kind: "preflight", headers: {} });
  });

  it("routes a preflight like any request where CORS is not configured", () => {
    const routing = route(matchRoute, null, { ...preflight, rawPath: "/files/a.txt" });
    expect(routing).toMatchObject({ kind: "routed", match: { routeKey: "ANY /files/{proxy+}" } });
    expect(route(matchRoute, null, preflight)).toEqual({ kind: "not-found" });
  });

  it("finds no route for a path none declares", () => {
    expect(route(matchRoute, cors, { method: "GET", rawPath: "/nowhere", headers: {} })).toEqual({
      kind: "not-found",
    });
  });
});

describe("the request's record", () => {
  const state: ExchangeState = {
    requestId: "JKJaXmPLvHcESHA=",
    started: 1000,
    epochMs: 1_700_000_000_000,
    method: "GET",
    url: "/quote?isJedi=true",
    rawPath: "/quote",
    rawQueryString: "isJedi=true",
    routeKey: null,
  };

  it("records a request refused before routing with no route, trace or integration", () => {
    expect(gatewayRecord(state, 429, 1012.5)).toEqual({
      requestId: "JKJaXmPLvHcESHA=",
      startedAt: 1_700_000_000_000,
      method: "GET",
      path: "/quote",
      routeKey: null,
      status: 429,
      latencyMs: 12.5,
      integrationLatencyMs: undefined,
    });
  });

  it("records how far an integrated request got and why its integration failed", () => {
    const integrated = {
      ...state,
      routeKey: "GET /quote",
      traceHeader: "Root=1-65536000-000000000000000000000000",
      integrationLatencyMs: 8,
      integrationError: "Integration timed out",
    };
    expect(gatewayRecord(integrated, 503, 1020)).toMatchObject({
      routeKey: "GET /quote",
      traceHeader: "Root=1-65536000-000000000000000000000000",
      status: 503,
      latencyMs: 20,
      integrationLatencyMs: 8,
      integrationError: "Integration timed out",
    });
  });
});

describe("the integration's stages", () => {
  it("carries the client's trace header on, or makes one for the request's second", () => {
    expect(traceHeaderOf("Root=1-abc", 0)).toBe("Root=1-abc");
    expect(traceHeaderOf("", 1_700_000_000_000)).toMatch(/^Root=1-6553f100-[0-9a-f]{24}$/);
    expect(traceHeaderOf(["Root=1-a", "Root=1-b"], 1_700_000_000_000)).toMatch(/^Root=1-6553f100-/);
  });

  it("reports the client's IPv4 address without Node's IPv6 mapping", () => {
    expect(sourceIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(sourceIp("::1")).toBe("::1");
    expect(sourceIp(undefined)).toBe("127.0.0.1");
  });

  it("answers every failure of the integration with AWS's generic answer, recording which it was", () => {
    const cases = [
      [{ kind: "function-error", payload: Buffer.from('{"errorType":"TypeError"}') }, 500],
      [{ kind: "throttled", reason: "ConcurrentInvocationLimitExceeded" }, 500],
      [{ kind: "refused", errorType: "ResourceNotFoundException" }, 500],
      [{ kind: "timed-out" }, 503],
      [{ kind: "failed", error: new Error("boom") }, 500],
    ] as const;
    expect(cases.map(([result, _]) => answerIntegration(result).integrationError)).toEqual([
      "Lambda function error: TypeError",
      "Lambda throttled: ConcurrentInvocationLimitExceeded",
      "Lambda refused the invocation: ResourceNotFoundException",
      "Integration timed out",
      "Invoke failed: boom",
    ]);
    expect(cases.map(([result, _]) => answerIntegration(result).statusCode)).toEqual(
      cases.map(([_, status]) => status),
    );
  });
});

import { APIGatewayProxyEventV2Schema } from "@aws-lambda-powertools/parser/schemas";
import { afterEach, describe, expect, it } from "vitest";
import { rawRequest, startTestApi, type TestApi } from "./test-api";

let gateway: TestApi;
afterEach(() => gateway.close());

/** The one event the function received, checked against AWS's published schema first. */
function onlyEvent() {
  expect(gateway.events).toHaveLength(1);
  const event = gateway.events[0];
  const parsed = APIGatewayProxyEventV2Schema.safeParse(event);
  expect(parsed.error?.issues ?? []).toEqual([]);
  return event as NonNullable<typeof event>;
}

describe("the format 2.0 event", () => {
  it("carries the request as AWS does: raw path and query, decoded parameters, joined duplicates", async () => {
    gateway = await startTestApi();
    const answer = await rawRequest(gateway.api.url, {
      path: "/quotes/a%20b?tag=x%20y&tag=z&plus=1+2&empty&name=%E2%9C%93",
      headers: { "X-Dup": ["one", "two"], "User-Agent": "holonet-test/1.0", Accept: "application/json" },
    });
    expect(answer.status).toBe(200);

    const event = onlyEvent();
    expect(event.version).toBe("2.0");
    expect(event.routeKey).toBe("GET /quotes/{id}");
    expect(event.rawPath).toBe("/quotes/a%20b");
    expect(event.rawQueryString).toBe("tag=x%20y&tag=z&plus=1+2&empty&name=%E2%9C%93");
    expect(event.queryStringParameters).toEqual({ tag: "x y,z", plus: "1 2", empty: "", name: "✓" });
    expect(event.pathParameters).toEqual({ id: "a b" });
    expect(event.headers["x-dup"]).toBe("one,two");
    expect(event.headers["user-agent"]).toBe("holonet-test/1.0");
    expect(event.headers.accept).toBe("application/json");
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
    expect(event.cookies).toBeUndefined();
    expect(event.stageVariables).toBeUndefined();
  });

  it("fills requestContext the way API Gateway does", async () => {
    gateway = await startTestApi({ apiId: "abc123defg", region: "eu-west-1", accountId: "123456789012" });
    const before = Date.now();
    await rawRequest(gateway.api.url, { path: "/quote?isJedi=true", headers: { "user-agent": "ua" } });
    const after = Date.now();

    const { requestContext: context } = onlyEvent();
    expect(context.accountId).toBe("123456789012");
    expect(context.apiId).toBe("abc123defg");
    expect(context.domainName).toBe("abc123defg.execute-api.eu-west-1.amazonaws.com");
    expect(context.domainPrefix).toBe("abc123defg");
    expect(context.http).toEqual({
      method: "GET",
      path: "/quote",
      protocol: "HTTP/1.1",
      sourceIp: "127.0.0.1",
      userAgent: "ua",
    });
    expect(context.requestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(context.routeKey).toBe("GET /quote");
    expect(context.stage).toBe("$default");
    expect(context.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(context.timeEpoch).toBeLessThanOrEqual(after);
    expect(context.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    const d = new Date(context.timeEpoch);
    expect(context.time.slice(0, 11)).toBe(
      `${String(d.getUTCDate()).padStart(2, "0")}/${d.toUTCString().slice(8, 11)}/${d.getUTCFullYear()}`,
    );
  });

  it("moves cookies out of the headers, one entry per cookie", async () => {
    gateway = await startTestApi();
    await rawRequest(gateway.api.url, { path: "/quote", headers: { cookie: "a=1; b=2;c=3" } });
    const event = onlyEvent();
    expect(event.cookies).toEqual(["a=1", "b=2", "c=3"]);
    expect(event.headers.cookie).toBeUndefined();
  });

  it("adds the forwarding and trace headers, keeping a client's own trace id", async () => {
    gateway = await startTestApi();
    const port = new URL(gateway.api.url).port;
    await rawRequest(gateway.api.url, { path: "/quote" });
    await rawRequest(gateway.api.url, {
      path: "/quote",
      headers: {
        "x-amzn-trace-id": "Root=1-5e6722a7-cc56ebe46db7ae02d4da47e0",
        "x-forwarded-for": "203.0.113.7",
      },
    });
    const [first, second] = gateway.events;
    expect(first?.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(first?.headers["x-forwarded-port"]).toBe(port);
    expect(first?.headers["x-forwarded-proto"]).toBe("http");
    expect(first?.headers["x-amzn-trace-id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(second?.headers["x-amzn-trace-id"]).toBe("Root=1-5e6722a7-cc56ebe46db7ae02d4da47e0");
    expect(second?.headers["x-forwarded-for"]).toBe("203.0.113.7, 127.0.0.1");
  });

  it("passes a JSON body as text", async () => {
    gateway = await startTestApi();
    const body = JSON.stringify({ quote: "Do or do not. There is no try.", author: "Yoda ✓" });
    await fetch(`${gateway.api.url}/quotes`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body,
    });
    const event = onlyEvent();
    expect(event.routeKey).toBe("POST /quotes");
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe(body);
    expect(event.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(event.pathParameters).toBeUndefined();
    expect(event.queryStringParameters).toBeUndefined();
  });

  it.each([
    ["application/octet-stream", true],
    ["image/png", true],
    ["application/x-www-form-urlencoded", true],
    [undefined, true],
    ["text/plain", false],
    ["TEXT/CSV; charset=utf-8", false],
    ["application/xml", false],
    ["application/javascript", false],
  ])("with content type %s, base64-encodes the body: %s", async (contentType, base64) => {
    gateway = await startTestApi();
    const bytes = Buffer.from([0x68, 0x69, 0x00, 0xff, 0x21]);
    await rawRequest(gateway.api.url, {
      method: "POST",
      path: "/quotes",
      headers: contentType === undefined ? {} : { "content-type": contentType },
      body: bytes,
    });
    const event = onlyEvent();
    expect(event.isBase64Encoded).toBe(base64);
    expect(event.body).toBe(base64 ? bytes.toString("base64") : bytes.toString("utf8"));
  });

  it("decodes a greedy path variable on an ANY route", async () => {
    gateway = await startTestApi();
    await rawRequest(gateway.api.url, { method: "DELETE", path: "/files/docs/a%20b.txt" });
    const event = onlyEvent();
    expect(event.routeKey).toBe("ANY /files/{proxy+}");
    expect(event.pathParameters).toEqual({ proxy: "docs/a b.txt" });
    expect(event.requestContext.http.method).toBe("DELETE");
    expect(event.requestContext.http.path).toBe("/files/docs/a b.txt");
    expect(gateway.targets).toEqual([{ functionName: "files", qualifier: "dev" }]);
  });
});

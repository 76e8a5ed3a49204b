import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { GatewayRecord } from "../src/http-api";
import { json, rawRequest, startTestApi, type TestApi } from "./test-api";

let gateway: TestApi;
afterEach(() => gateway.close());

/** Sends bytes on a bare socket and returns everything the server wrote before closing (at most 5 s). */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error("no answer within 5 s")), 5000);
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      // One complete answer is enough; keep-alive would otherwise leave the socket open.
      const text = Buffer.concat(chunks).toString();
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      const head = text.indexOf("\r\n\r\n");
      if (length !== undefined && head !== -1 && text.length >= head + 4 + Number(length)) socket.end();
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString());
    });
    socket.on("error", reject);
  });
}

const statusOf = (answer: string) => Number(answer.split(" ")[1]);
const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));

describe("the gateway's own answers", () => {
  it("answers 404 Not Found for an unknown route, without calling a function", async () => {
    gateway = await startTestApi();
    for (const [method, path] of [
      ["GET", "/nowhere"],
      ["DELETE", "/quotes"],
      ["HEAD", "/quotes"],
    ] as const) {
      const response = await fetch(`${gateway.api.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      if (method !== "HEAD") expect(await response.json()).toEqual({ message: "Not Found" });
    }
    expect(gateway.events).toHaveLength(0);
  });

  it("throttles beyond the burst with 429 Too Many Requests", async () => {
    gateway = await startTestApi({ throttling: { rateLimit: 1, burstLimit: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${gateway.api.url}/quote`)).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
    const throttled = await fetch(`${gateway.api.url}/quote`);
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toEqual({ message: "Too Many Requests" });
    expect(gateway.events.length).toBeLessThanOrEqual(4);
  });

  // "If the Lambda API rejects the invocation request, API Gateway returns a 500 error code" with its generic
  // body (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html); re:Post reports the
  // same of a throttled function ("API Gateway proxy integration does not forward Lambda throttling (HTTP
  // 429) to client"). Only the gateway's record says it was a throttle.
  it("answers a throttled Lambda invoke with AWS's 500, and records that it was a throttle", async () => {
    const records: GatewayRecord[] = [];
    gateway = await startTestApi({
      onRequest: (record) => records.push(record),
      answer: () => ({ kind: "throttled", reason: "ReservedFunctionConcurrentInvocationLimitExceeded" }),
    });
    const response = await fetch(`${gateway.api.url}/quote`);
    expect(response.status).toBe(500);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(await response.json()).toEqual({ message: "Internal Server Error" });
    expect(records[0]).toMatchObject({
      status: 500,
      routeKey: "GET /quote",
      integrationError: "Lambda throttled: ReservedFunctionConcurrentInvocationLimitExceeded",
    });
  });

  // An HTTP API takes a body up to 10 MB (http-api-quotas.html); Lambda refuses a synchronous event over
  // 6 MB with RequestEntityTooLargeException. AWS documents no HTTP API answer for it beyond the rule above
  // for any refused invocation, so it is a 500 (see gateway-errors.ts).
  it("answers an invocation the Lambda API refused (an event over 6 MB) with AWS's 500, saying why", async () => {
    const records: GatewayRecord[] = [];
    gateway = await startTestApi({
      onRequest: (record) => records.push(record),
      answer: () => ({ kind: "refused", errorType: "RequestEntityTooLargeException" }),
    });
    const response = await fetch(`${gateway.api.url}/quotes`, { method: "POST", body: "x".repeat(1024) });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: "Internal Server Error" });
    expect(records[0]?.integrationError).toBe(
      "Lambda refused the invocation: RequestEntityTooLargeException",
    );
  });

  it("records a function error's type, and nothing for an answer", async () => {
    const records: GatewayRecord[] = [];
    gateway = await startTestApi({
      onRequest: (record) => records.push(record),
      answer: (event) =>
        event.rawPath === "/quote"
          ? { kind: "function-error", payload: Buffer.from('{"errorType":"TypeError","errorMessage":"x"}') }
          : json({ statusCode: 200, body: "ok" }),
    });
    const failed = await fetch(`${gateway.api.url}/quote`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: "Internal Server Error" });
    expect((await fetch(`${gateway.api.url}/quotes`)).status).toBe(200);
    expect(records.map((record) => record.integrationError)).toEqual([
      "Lambda function error: TypeError",
      undefined,
    ]);
  });

  it("answers 500 when the invoke itself fails", async () => {
    const records: GatewayRecord[] = [];
    gateway = await startTestApi({
      onRequest: (record) => records.push(record),
      answer: () => {
        throw new Error("ResourceNotFoundException");
      },
    });
    const response = await fetch(`${gateway.api.url}/quote`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: "Internal Server Error" });
    expect(records[0]?.integrationError).toBe("Invoke failed: ResourceNotFoundException");
  });

  it("refuses a declared body over the payload limit with 413, before the function", async () => {
    gateway = await startTestApi({ payloadLimitBytes: 1024 });
    const response = await fetch(`${gateway.api.url}/quotes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "x".repeat(1025),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: "Request Entity Too Large" });
    const atLimit = await fetch(`${gateway.api.url}/quotes`, { method: "POST", body: "x".repeat(1024) });
    expect(atLimit.status).toBe(200);
    expect(gateway.events).toHaveLength(1);
  });

  it("stops reading a chunked body once it passes the limit, and closes the connection", async () => {
    gateway = await startTestApi({ payloadLimitBytes: 64 * 1024 });
    const started = Date.now();
    const outcome = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${gateway.api.url}/quotes`, {
        method: "POST",
        headers: { "transfer-encoding": "chunked" },
      });
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      let sent = 0;
      // Writes up to 64 MB unless the answer comes first: a gateway that kept reading would take far longer.
      const pump = () => {
        while (sent < 4096) {
          sent += 1;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
          req.destroy();
        });
      });
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code !== "ECONNRESET" && error.code !== "EPIPE") reject(error);
      });
      pump();
    });
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body)).toEqual({ message: "Request Entity Too Large" });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(gateway.events).toHaveLength(0);
    expect((await fetch(`${gateway.api.url}/quote`)).status).toBe(200);
  });

  it("answers 503 Service Unavailable when the function outlasts the integration timeout", async () => {
    const records: GatewayRecord[] = [];
    gateway = await startTestApi({
      onRequest: (record) => records.push(record),
      integrationTimeoutSeconds: 1,
      answer: () => new Promise((resolve) => setTimeout(() => resolve(json({ statusCode: 200 })), 1500)),
    });
    const started = Date.now();
    const response = await fetch(`${gateway.api.url}/quote`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: "Service Unavailable" });
    expect(Date.now() - started).toBeLessThan(1450);
    expect(records[0]?.integrationError).toBe("Integration timed out");
  });

  it("survives malformed percent-encoding in the path and the query", async () => {
    gateway = await startTestApi();
    const answer = await rawRequest(gateway.api.url, { path: "/quotes/%zz%E0%A4?a=%ZZ&%=1&b=%E0%A4%A" });
    expect(answer.status).toBe(200);
    const event = gateway.events[0];
    expect(event?.pathParameters).toEqual({ id: "%zz%E0%A4" });
    expect(event?.queryStringParameters).toEqual({ a: "%ZZ", "%": "1", b: "%E0%A4%A" });
    const notFound = await rawRequest(gateway.api.url, { path: "/%" });
    expect(notFound.status).toBe(404);
  });

  it("answers a Host that is not loopback with API Gateway's 403 Forbidden, calling no function (DNS rebinding)", async () => {
    gateway = await startTestApi();
    for (const host of [
      "evil.example",
      `evil.example:${new URL(gateway.api.url).port}`,
      "127.0.0.1.evil.example",
    ]) {
      const answer = await rawExchange(
        gateway.api.url,
        `GET /quote HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      );
      expect(statusOf(answer), host).toBe(403);
      expect(bodyOf(answer)).toEqual({ message: "Forbidden" });
    }
    expect(gateway.events).toEqual([]);
    const loopback = await rawExchange(
      gateway.api.url,
      "GET /quote HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    expect(statusOf(loopback)).toBe(200);
  });

  it("answers what is not HTTP with a JSON 400, and headers past the limit with a JSON 431", async () => {
    gateway = await startTestApi();
    const garbage = await rawExchange(gateway.api.url, "NOT HTTP AT ALL\r\n\r\n");
    expect(statusOf(garbage)).toBe(400);
    expect(bodyOf(garbage)).toEqual({ message: "Bad Request" });

    const big = "x".repeat(11_000);
    const overQuota = await rawExchange(
      gateway.api.url,
      `GET /quote HTTP/1.1\r\nHost: a\r\nX-Big: ${big}\r\n\r\n`,
    );
    expect(statusOf(overQuota)).toBe(431);
    expect(bodyOf(overQuota)).toEqual({ message: "Request Header Fields Too Large" });

    const overNode = await rawExchange(
      gateway.api.url,
      `GET /quote HTTP/1.1\r\nHost: a\r\nX-Big: ${big.repeat(2)}\r\n\r\n`,
    );
    expect(statusOf(overNode)).toBe(431);
    // Node's own client refuses an answer to HEAD that carries a body ("Data after Connection: close").
    const headOverNode = await new Promise<number | undefined>((resolve, reject) => {
      const { port } = new URL(gateway.api.url);
      const req = httpRequest({ host: "127.0.0.1", port, method: "HEAD", path: `/quote?${big.repeat(2)}` });
      req.on("response", (res) => res.resume().on("end", () => resolve(res.statusCode)));
      req.on("error", reject);
      req.end();
    });
    expect(headOverNode).toBe(431);
    expect(gateway.events).toHaveLength(0);
    expect((await fetch(`${gateway.api.url}/quote`)).status).toBe(200);
  });

  it("keeps serving after a client drops its connection mid-body", async () => {
    gateway = await startTestApi();
    const { port } = new URL(gateway.api.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write("POST /quotes HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\npartial");
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    const response = await fetch(`${gateway.api.url}/quote`);
    expect(response.status).toBe(200);
    expect(gateway.events).toHaveLength(1);
  });

  it("reports every request to onRequest", async () => {
    const records: GatewayRecord[] = [];
    gateway = await startTestApi({ onRequest: (record) => records.push(record) });
    await fetch(`${gateway.api.url}/quotes/42`);
    await fetch(`${gateway.api.url}/nowhere`);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      method: "GET",
      path: "/quotes/42",
      routeKey: "GET /quotes/{id}",
      status: 200,
    });
    expect(records[0]?.integrationLatencyMs).toBeTypeOf("number");
    expect(records[1]).toMatchObject({ path: "/nowhere", routeKey: null, status: 404 });
    expect(records[1]?.integrationLatencyMs).toBeUndefined();
    // The trace header the function got is the one reported, so a trace can join the two.
    expect(records[0]?.traceHeader).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(gateway.events[0]?.headers["x-amzn-trace-id"]).toBe(records[0]?.traceHeader);
    expect(gateway.traces).toEqual([records[0]?.traceHeader]);
    expect(records[1]?.traceHeader).toBeUndefined();
  });

  it("carries a client's own trace header on to the function", async () => {
    const records: GatewayRecord[] = [];
    gateway = await startTestApi({ onRequest: (record) => records.push(record) });
    const traceHeader = "Root=1-5e1b4151-5ac6c58f5b1d6e6d4d6a4f1e;Sampled=1";
    await fetch(`${gateway.api.url}/quote`, { headers: { "x-amzn-trace-id": traceHeader } });
    expect(gateway.traces).toEqual([traceHeader]);
    expect(gateway.events[0]?.headers["x-amzn-trace-id"]).toBe(traceHeader);
    expect(records[0]?.traceHeader).toBe(traceHeader);
  });
});

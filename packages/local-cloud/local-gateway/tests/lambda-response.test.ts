import type { InvocationOutcome } from "@holonet/local-lambda/lambda-service";
import { afterEach, describe, expect, it } from "vitest";
import { json, rawRequest, startTestApi, type TestApi } from "./test-api";

let gateway: TestApi;
afterEach(() => gateway.close());

async function answerWith(outcome: InvocationOutcome) {
  gateway = await startTestApi({ answer: () => outcome });
  const response = await fetch(`${gateway.api.url}/quote`);
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

const payload = (text: string): InvocationOutcome => ({ kind: "answered", payload: Buffer.from(text) });

describe("mapping the function's result (format 2.0)", () => {
  it("answers a plain object as a 200 application/json with the result as the body", async () => {
    const { response, body } = await answerWith(payload('{ "quote": "Use the Force" }'));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(body.toString()).toBe('{ "quote": "Use the Force" }');
    expect(response.headers.get("apigw-requestid")).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });

  it("unwraps a string result", async () => {
    const { response, body } = await answerWith(json("Hello from Lambda!"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(body.toString()).toBe("Hello from Lambda!");
  });

  it("answers a number or null as its JSON text", async () => {
    expect((await answerWith(json(42))).body.toString()).toBe("42");
    await gateway.close();
    const { response, body } = await answerWith(payload("null"));
    expect(response.status).toBe(200);
    expect(body.toString()).toBe("null");
  });

  it("honours statusCode, headers, cookies and a base64 body", async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    gateway = await startTestApi({
      answer: () =>
        json({
          statusCode: 201,
          headers: { "Content-Type": "image/png", "X-Count": 3, Location: "/quotes/1" },
          cookies: ["a=1; Path=/", "b=2; HttpOnly"],
          body: bytes.toString("base64"),
          isBase64Encoded: true,
        }),
    });
    const answer = await rawRequest(gateway.api.url, { path: "/quote" });
    expect(answer.status).toBe(201);
    expect(answer.headers["content-type"]).toBe("image/png");
    expect(answer.headers["x-count"]).toBe("3");
    expect(answer.headers.location).toBe("/quotes/1");
    expect(answer.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; HttpOnly"]);
    const response = await fetch(`${gateway.api.url}/quote`);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it("defaults a shaped response without a content type to text/plain", async () => {
    const { response, body } = await answerWith(json({ statusCode: 403, body: "Sorry" }));
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(body.toString()).toBe("Sorry");
  });

  it("answers 304 with no body", async () => {
    const { response, body } = await answerWith(json({ statusCode: 304, headers: { etag: '"v1"' } }));
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe('"v1"');
    expect(body.length).toBe(0);
  });

  it.each([
    [
      "a function error",
      { kind: "function-error", payload: Buffer.from('{"errorMessage":"Sorry you can\'t get a quote"}') },
    ],
    ["a result that is not JSON", payload("{not json")],
    ["a statusCode that is not a number", json({ statusCode: "200", body: "x" })],
    ["a statusCode out of range", json({ statusCode: 99, body: "x" })],
    ["a body that is not a string", json({ statusCode: 200, body: { quote: "x" } })],
    ["headers that are not an object of strings", json({ statusCode: 200, headers: { a: { b: 1 } } })],
    ["a header value with a line break", json({ statusCode: 200, headers: { a: "x\r\ny: z" } })],
    ["cookies that are not strings", json({ statusCode: 200, cookies: [1] })],
  ])("answers %s with AWS's 500", async (_name, outcome) => {
    const { response, body } = await answerWith(outcome as InvocationOutcome);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(body.toString())).toEqual({ message: "Internal Server Error" });
  });
});

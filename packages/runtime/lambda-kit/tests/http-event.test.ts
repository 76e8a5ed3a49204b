import { describe, expect, it } from "vitest";
import { isHttpApiEvent, stagePath, toHttpRequest } from "../src/http-event";
import postEvent from "./fixtures/http-post-event.json";

describe("http-event", () => {
  it("tells an API Gateway format 2.0 event from a direct input", () => {
    expect(isHttpApiEvent(postEvent)).toBe(true);
    expect(isHttpApiEvent({ isJedi: true })).toBe(false);
    expect(isHttpApiEvent({ version: "2.0" })).toBe(false);
    expect(isHttpApiEvent(null)).toBe(false);
    expect(isHttpApiEvent("2.0")).toBe(false);
  });

  it("reads the request: route, lower-cased headers, body bytes", () => {
    const request = toHttpRequest({ ...postEvent, headers: { "Content-Type": "application/json" } });
    expect(request).toMatchObject({
      routeKey: "POST /quotes",
      method: "POST",
      path: "/quotes",
      stage: "$default",
      headers: { "content-type": "application/json" },
      query: {},
      pathParameters: {},
    });
    expect(request.body?.toString("utf8")).toBe(postEvent.body);
  });

  it("keeps a lone surrogate of a text body as bytes that are not UTF-8, and the rest as UTF-8", () => {
    const request = toHttpRequest({ ...postEvent, body: "a\ud800b\u{1f600}\udfff", isBase64Encoded: false });
    expect([...(request.body ?? [])]).toEqual([
      0x61, 0xed, 0xa0, 0x80, 0x62, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xbf, 0xbf,
    ]);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(request.body)).toThrow();
  });

  it("refuses an event that is not format 2.0", () => {
    expect(() => toHttpRequest({ ...postEvent, version: "1.0" })).toThrow();
  });

  it("puts a named stage in front of a path", () => {
    expect(stagePath({ stage: "$default" }, "/quotes/1")).toBe("/quotes/1");
    expect(stagePath({ stage: "prod" }, "/quotes/1")).toBe("/prod/quotes/1");
  });
});

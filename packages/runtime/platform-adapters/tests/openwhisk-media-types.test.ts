import { describe, expect, it } from "vitest";
import { isBase64Body } from "../src/openwhisk-media-types";

describe("which bodies OpenWhisk carries as base64", () => {
  // docs/webactions.md: a raw action gets `{"name":"Jane"}` sent as application/json as "eyJuYW1lIjoiSmFuZSJ9",
  // and "Jane" sent as text/plain as "Jane".
  it.each([
    ["application/json", true],
    ["application/json; charset=utf-8", true],
    ["text/plain", false],
    ["text/html; charset=utf-8", false],
    ["application/x-www-form-urlencoded", false],
    ["application/xml", false],
    ["application/octet-stream", true],
    ["image/png", true],
    ["application/merge-patch+json", true],
    ["application/merge-patch+json; charset=utf-8", false],
  ])("%s: %s", (contentType, base64) => {
    expect(isBase64Body(contentType)).toBe(base64);
  });

  it("treats a body sent with no Content-Type as binary, as Akka does", () => {
    expect(isBase64Body(undefined)).toBe(true);
  });
});

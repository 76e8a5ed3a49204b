import { describe, expect, it } from "vitest";
import { parseQueryString } from "../src/query-string";

describe("query strings read as API Gateway hands them over", () => {
  it("decodes values, reading + as a space", () => {
    expect(parseQueryString("q=a+b%20c&isJedi=true")).toEqual({ q: "a b c", isJedi: "true" });
  });

  it("joins a repeated key's values with commas", () => {
    expect(parseQueryString("limit=1&limit=2")).toEqual({ limit: "1,2" });
  });

  it("gives a key without = the empty string and skips empty pairs", () => {
    expect(parseQueryString("flag&&x=1")).toEqual({ flag: "", x: "1" });
  });

  it("keeps brackets and __proto__ as plain keys", () => {
    const query = parseQueryString("a[b]=1&__proto__=x") ?? {};
    expect(query["a[b]"]).toBe("1");
    expect(Object.keys(query)).toEqual(["a[b]", "__proto__"]);
  });

  it("keeps a malformed percent-encoding as sent", () => {
    expect(parseQueryString("cursor=%zz")).toEqual({ cursor: "%zz" });
  });

  it("has no parameters at all for an empty query, or one of empty pairs only", () => {
    expect(parseQueryString("")).toBeUndefined();
    expect(parseQueryString("&&")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { parseRawQuery, splitTarget } from "../src/raw-query";

describe("query strings read as API Gateway hands them over", () => {
  it("decodes values, reading + as a space", () => {
    expect(parseRawQuery("q=a+b%20c&isJedi=true")).toEqual({ q: "a b c", isJedi: "true" });
  });

  it("joins a repeated key's values with commas", () => {
    expect(parseRawQuery("limit=1&limit=2")).toEqual({ limit: "1,2" });
  });

  it("gives a key without = the empty string and skips empty pairs", () => {
    expect(parseRawQuery("flag&&x=1")).toEqual({ flag: "", x: "1" });
  });

  it("keeps brackets and __proto__ as plain keys", () => {
    const query = parseRawQuery("a[b]=1&__proto__=x");
    expect(query["a[b]"]).toBe("1");
    expect(Object.keys(query)).toEqual(["a[b]", "__proto__"]);
  });

  it("keeps a malformed percent-encoding as sent", () => {
    expect(parseRawQuery("cursor=%zz")).toEqual({ cursor: "%zz" });
  });

  it("splits a request target into path and query", () => {
    expect(splitTarget("/quotes?limit=2")).toEqual({ rawPath: "/quotes", rawQuery: "limit=2" });
    expect(splitTarget("/quotes")).toEqual({ rawPath: "/quotes", rawQuery: "" });
  });
});

import { describe, expect, it } from "vitest";
import { parseRawQuery, splitTarget } from "../src/raw-query";

// How a query is read is lambda-kit's (tests/query-string.test.ts); here, what the adapters make of a target.
describe("a request target as the adapters read it", () => {
  it("reads the query as API Gateway hands it over", () => {
    expect(parseRawQuery("q=a+b%20c&limit=1&limit=2")).toEqual({ q: "a b c", limit: "1,2" });
  });

  it("reads no query as no parameters, as the Lambda side does", () => {
    expect({ ...parseRawQuery("") }).toEqual({});
  });

  it("splits a request target into path and query", () => {
    expect(splitTarget("/quotes?limit=2")).toEqual({ rawPath: "/quotes", rawQuery: "limit=2" });
    expect(splitTarget("/quotes")).toEqual({ rawPath: "/quotes", rawQuery: "" });
  });
});

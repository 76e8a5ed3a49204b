import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ErrorBody } from "../src/error-body";
import { QuoteInput, QuoteQuery } from "../src/quote";
import { ROUTES, routeKey } from "../src/routes";
import { QuoteId, SavedQuote } from "../src/saved-quote";
import { ListQuotesQuery, StoreGetInput } from "../src/store-get";
import { SaveQuoteInput } from "../src/store-save";
import * as z from "../src/zod";

const ID = "01JDQ3H7Y8ZK4M6N2P9R5T0VWX";

describe("QuoteId", () => {
  it.each([ID, "7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "00000000000000000000000000"])("accepts %s", (id) => {
    expect(QuoteId.safeParse(id).success).toBe(true);
  });

  it.each([
    ["too short", ID.slice(1)],
    ["too long", `${ID}0`],
    ["lower case", ID.toLowerCase()],
    ["a letter outside Crockford base32 (U)", `${ID.slice(0, 25)}U`],
    ["a time beyond 48 bits", `8${ID.slice(1)}`],
    ["a path", "../../etc/passwd"],
    ["an encoded slash", "01JDQ3H7Y8ZK4M6N2P9R5T%2FW"],
  ])("refuses %s", (_, id) => {
    expect(QuoteId.safeParse(id).success).toBe(false);
  });
});

describe("SaveQuoteInput", () => {
  it("accepts a quote with and without an author", () => {
    expect(SaveQuoteInput.parse({ quote: "Hello there." })).toEqual({ quote: "Hello there." });
    expect(SaveQuoteInput.parse({ quote: "Hello there.", author: "Kenobi" })).toEqual({
      quote: "Hello there.",
      author: "Kenobi",
    });
  });

  it.each([
    ["an empty quote", { quote: "" }, ["quote"]],
    ["a blank quote", { quote: "   " }, ["quote"]],
    ["a quote of 1,001 characters", { quote: "x".repeat(1001) }, ["quote"]],
    ["a quote that is not a string", { quote: 42 }, ["quote"]],
    ["an author of 101 characters", { quote: "x", author: "a".repeat(101) }, ["author"]],
    ["an unknown field", { quote: "x", id: ID }, []],
    ["no quote at all", {}, ["quote"]],
  ])("refuses %s, naming the field", (_, input, path) => {
    const result = SaveQuoteInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });

  it("accepts exactly 1,000 characters", () => {
    expect(SaveQuoteInput.safeParse({ quote: "x".repeat(1000) }).success).toBe(true);
  });
});

describe("query contracts", () => {
  it.each(["1", "20", "99", "100"])("accepts limit=%s", (limit) => {
    expect(ListQuotesQuery.safeParse({ limit }).success).toBe(true);
  });

  it.each(["0", "101", "-1", "1.5", "abc", "", "01", "1e2"])("refuses limit=%s", (limit) => {
    expect(ListQuotesQuery.safeParse({ limit }).error?.issues[0]?.message).toMatch(/limit must be/);
  });

  it("refuses a cursor that is not an id", () => {
    expect(ListQuotesQuery.safeParse({ cursor: "nope" }).success).toBe(false);
  });

  it("reads isJedi as true or false only", () => {
    expect(QuoteQuery.parse({ isJedi: "true" })).toEqual({ isJedi: "true" });
    expect(QuoteQuery.safeParse({ isJedi: "yes" }).error?.issues[0]?.message).toBe(
      "isJedi must be true or false",
    );
  });

  it("takes isJedi as a boolean on direct invocation", () => {
    expect(QuoteInput.safeParse({ isJedi: "true" }).success).toBe(false);
    expect(QuoteInput.parse({})).toEqual({});
  });

  it("tells a get from a list on direct invocation", () => {
    expect(StoreGetInput.parse({ id: ID })).toEqual({ id: ID });
    expect(StoreGetInput.parse({ limit: 5 })).toEqual({ limit: 5 });
    expect(StoreGetInput.safeParse({ limit: 0 }).success).toBe(false);
    expect(StoreGetInput.safeParse({ id: "x" }).success).toBe(false);
  });
});

describe("route table", () => {
  it("has one route per method and path", () => {
    const keys = ROUTES.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(["GET /quote", "POST /quotes", "GET /quotes/{id}", "GET /quotes"]);
  });

  it("answers every error status with the shared error body", () => {
    for (const route of ROUTES) {
      for (const [status, schema] of Object.entries(route.responses)) {
        if (Number(status) >= 400) expect(schema, `${routeKey(route)} ${status}`).toBe(ErrorBody);
      }
    }
  });

  it("declares every path parameter of its path", () => {
    for (const route of ROUTES) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = "pathParameters" in route ? Object.keys(route.pathParameters.shape) : [];
      expect(declared, routeKey(route)).toEqual(names);
    }
  });
});

describe("JSON Schema", () => {
  type JsonSchema = {
    type?: string;
    anyOf?: unknown[];
    $ref?: string;
    $defs?: Record<string, JsonSchema>;
  } & Record<string, unknown>;
  /** The schema a document describes: a schema with a registered id comes as a $ref into $defs. */
  const rootOf = (json: JsonSchema): JsonSchema =>
    json.$ref ? (json.$defs?.[json.$ref.split("/").pop() ?? ""] ?? {}) : json;

  it.each([
    ["SavedQuote", SavedQuote, "object"],
    ["SaveQuoteInput", SaveQuoteInput, "object"],
    ["ErrorBody", ErrorBody, "object"],
  ])("%s converts with zod's own z.toJSONSchema", (_, schema, type) => {
    expect(rootOf(z.toJSONSchema(schema) as JsonSchema).type).toBe(type);
  });

  it("converts the direct input of store-get as a choice of two", () => {
    expect(rootOf(z.toJSONSchema(StoreGetInput) as JsonSchema).anyOf).toHaveLength(2);
  });

  it("keeps the limits in the JSON Schema", () => {
    const json = rootOf(z.toJSONSchema(SaveQuoteInput) as JsonSchema) as {
      properties: { quote: { maxLength: number } };
      additionalProperties: boolean;
    };
    expect(json.properties.quote.maxLength).toBe(1000);
    expect(json.additionalProperties).toBe(false);
  });
});

describe("zod", () => {
  // ./zod is zod/mini with zod's English messages installed. A contract importing "zod" itself would bring
  // classic zod's every method into each function's bundle (decision 0015), and one importing "zod/mini"
  // directly could be parsed before the messages are in place.
  it("comes to every contract through ./zod", () => {
    const src = path.join(import.meta.dirname, "../src");
    const direct = readdirSync(src)
      .filter((file) => file !== "zod.ts" && /from "zod[/"]/.test(readFileSync(path.join(src, file), "utf8")))
      .sort();
    expect(direct).toEqual([]);
  });

  it("answers with zod's English messages", () => {
    expect(QuoteInput.safeParse({ isJedi: "true" }).error?.issues[0]?.message).toBe(
      "Invalid input: expected boolean, received string",
    );
  });
});

import type { SavedQuote } from "@holonet/contracts/saved-quote";
import { createLogger } from "@holonet/lambda-kit/logger";
import { memoryQuoteStore } from "@holonet/quote-store/memory-quote-store";
import type { QuoteStore } from "@holonet/quote-store/quote-store";
import type { Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import httpGet from "../events/http-get-missing.json";
import httpList from "../events/http-list.json";
import { createHandler } from "../src/app";

const context = { awsRequestId: "00000000-0000-4000-8000-000000000004" } as Context;
const logger = createLogger({ service: "store-get", write: () => {} });
type Response = { statusCode: number; headers: Record<string, string>; body?: string };

/** 25 quotes, one a second; ids sort by time as store-save's do. */
const quotes: SavedQuote[] = Array.from({ length: 25 }, (_, n) => ({
  id: `01JDQ3H7Y8ZK4M6N2P9R5T${String(n).padStart(4, "0")}`,
  quote: `Quote ${n}`,
  savedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
}));
const newestFirst = [...quotes].reverse();

const getEvent = (id: string, headers: Record<string, string> = {}) => ({
  ...httpGet,
  rawPath: `/quotes/${id}`,
  pathParameters: { id },
  headers: { ...httpGet.headers, ...headers },
});
const listEvent = (query: Record<string, string>) => ({
  ...httpList,
  rawQueryString: new URLSearchParams(query).toString(),
  queryStringParameters: query,
});
const json = (response: unknown) => JSON.parse((response as Response).body ?? "");

/** A store that fails the test if it is touched at all. */
const untouchable: QuoteStore = {
  put: () => Promise.reject(new Error("the store was called")),
  get: () => Promise.reject(new Error("the store was called")),
  list: () => Promise.reject(new Error("the store was called")),
};

describe("GET /quotes/{id}", () => {
  const handler = createHandler({ store: memoryQuoteStore(quotes), logger });
  const item = quotes[3] as SavedQuote;

  it("answers 200 with the item, a strong ETag and a long Cache-Control", async () => {
    const response = (await handler(getEvent(item.id), context)) as Response;
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual(item);
    expect(response.headers.etag).toMatch(/^"[^"]+"$/);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("answers 304 with no body to a matching If-None-Match", async () => {
    const first = (await handler(getEvent(item.id), context)) as Response;
    const again = (await handler(
      getEvent(item.id, { "if-none-match": first.headers.etag ?? "" }),
      context,
    )) as Response;
    expect(again.statusCode).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it("answers 200 to an If-None-Match that does not match", async () => {
    const response = (await handler(getEvent(item.id, { "if-none-match": '"stale"' }), context)) as Response;
    expect(response.statusCode).toBe(200);
  });

  it("answers 404 with the error body for an id nobody saved", async () => {
    const response = (await handler(getEvent("01JDQ3H7Y8ZK4M6N2P9R5T9999"), context)) as Response;
    expect(response.statusCode).toBe(404);
    expect(json(response).error.code).toBe("NOT_FOUND");
  });

  it.each([
    "../../etc/passwd",
    "quotes%2F..%2Fx",
    "01jdq3h7y8zk4m6n2p9r5t0vwx",
    "",
    "A".repeat(1000),
    "01JDQ3H7Y8ZK4M6N2P9R5T0VW\ud800",
  ])("answers 400 to the id %j before touching the store", async (id) => {
    const response = (await createHandler({ store: untouchable, logger })(getEvent(id), context)) as Response;
    expect(response.statusCode).toBe(400);
    expect(json(response).error.details[0].path).toBe("path.id");
  });
});

describe("GET /quotes", () => {
  const handler = createHandler({ store: memoryQuoteStore(quotes), logger });

  it("answers the newest 20 by default, with a cursor for the rest", async () => {
    const page = json(await handler(listEvent({}), context));
    expect(page.items).toEqual(newestFirst.slice(0, 20));
    expect(page.nextCursor).toBe(newestFirst[19]?.id);
  });

  it("walks every item once, newest first, with limit and cursor", async () => {
    const seen: SavedQuote[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = json(await handler(listEvent({ limit: "7", ...(cursor && { cursor }) }), context));
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(newestFirst);
  });

  it("keeps later pages stable when a quote is saved between two pages", async () => {
    const store = memoryQuoteStore(quotes);
    const paging = createHandler({ store, logger });
    const first = json(await paging(listEvent({ limit: "10" }), context));
    await store.put({ id: "01JDQ3H7Y9000000000000000A", quote: "New", savedAt: new Date().toISOString() });
    const second = json(await paging(listEvent({ limit: "10", cursor: first.nextCursor }), context));
    expect(second.items).toEqual(newestFirst.slice(10, 20));
  });

  it("marks the list as not cacheable", async () => {
    const response = (await handler(listEvent({}), context)) as Response;
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it.each([
    [{ limit: "0" }, "query.limit"],
    [{ limit: "101" }, "query.limit"],
    [{ limit: "ten" }, "query.limit"],
    [{ cursor: "not-a-cursor" }, "query.cursor"],
    [{ cursor: "01JDQ3H7Y8ZK4M6N2P9R5T0VW\udfff" }, "query.cursor"],
    [{ limit: "1\ud800" }, "query.limit"],
  ])("answers %j with 400 naming %s, before touching the store", async (query, field) => {
    const response = (await createHandler({ store: untouchable, logger })(
      listEvent(query),
      context,
    )) as Response;
    expect(response.statusCode).toBe(400);
    expect(json(response).error.details[0].path).toBe(field);
  });
});

describe("direct invocation", () => {
  const handler = createHandler({ store: memoryQuoteStore(quotes), logger });

  it("answers {id} with the item and {limit} with a page", async () => {
    expect(await handler({ id: quotes[0]?.id }, context)).toEqual(quotes[0]);
    expect(await handler({ limit: 2 }, context)).toEqual({
      items: newestFirst.slice(0, 2),
      nextCursor: newestFirst[1]?.id,
    });
  });

  it("fails with NotFoundError for an unknown id", async () => {
    await expect(handler({ id: "01JDQ3H7Y8ZK4M6N2P9R5T9999" }, context)).rejects.toMatchObject({
      name: "NotFoundError",
    });
  });
});

import { describe, expect, it } from "vitest";
import { type ApiResult, createApiClient, type Fetch } from "../src/api-client";
import notAJedi from "./fixtures/error-not-a-jedi.json";
import page from "./fixtures/quote-page.json";
import savedQuote from "./fixtures/saved-quote.json";

const API = "http://127.0.0.1:4560";

/** A fetch that records each call and answers with `respond`. */
function fakeFetch(respond: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: Fetch = async (url, init) => {
    calls.push({ url, init });
    return respond();
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown, statusText = "") =>
  new Response(JSON.stringify(body), { status, statusText, headers: { "content-type": "application/json" } });

function failureOf<T>(result: ApiResult<T>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.failure;
}

describe("api client", () => {
  it("asks for a Jedi's quote and returns it", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { quote: "Use the Force, Luke." }));
    const result = await createApiClient({ apiUrl: API, fetch }).getQuote(true);
    expect(result).toEqual({ ok: true, value: { quote: "Use the Force, Luke." } });
    expect(calls[0]?.url).toBe(`${API}/quote?isJedi=true`);
  });

  it("gives the API's own message when a non-Jedi is refused", async () => {
    const { fetch, calls } = fakeFetch(() => json(403, notAJedi));
    const result = await createApiClient({ apiUrl: API, fetch }).getQuote(false);
    expect(calls[0]?.url).toBe(`${API}/quote?isJedi=false`);
    expect(failureOf(result)).toEqual({
      kind: "http",
      status: 403,
      code: "NOT_A_JEDI",
      message: "Sorry you can't get a quote",
    });
  });

  it("posts a quote to save as JSON and returns the saved item", async () => {
    const { fetch, calls } = fakeFetch(() => json(201, savedQuote));
    const result = await createApiClient({ apiUrl: API, fetch }).saveQuote(savedQuote.quote);
    expect(result).toEqual({ ok: true, value: savedQuote });
    expect(calls[0]?.url).toBe(`${API}/quotes`);
    expect(calls[0]?.init?.method).toBe("POST");
    expect(calls[0]?.init?.headers).toEqual({ "content-type": "application/json" });
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ quote: savedQuote.quote });
  });

  it("posts who said it with the quote when the visitor names them", async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { ...savedQuote, author: "Yoda" }));
    const api = createApiClient({ apiUrl: API, fetch });
    const result = await api.saveQuote(savedQuote.quote, "Yoda");
    expect(result).toEqual({ ok: true, value: { ...savedQuote, author: "Yoda" } });
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ quote: savedQuote.quote, author: "Yoda" });
    await api.saveQuote(savedQuote.quote, "");
    expect(JSON.parse(String(calls[1]?.init?.body))).toEqual({ quote: savedQuote.quote });
  });

  it("lists a page with limit and cursor, and passes nextCursor on", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, page));
    const api = createApiClient({ apiUrl: `${API}/`, fetch });
    const result = await api.listQuotes({ limit: 20, cursor: page.nextCursor });
    expect(calls[0]?.url).toBe(`${API}/quotes?limit=20&cursor=${page.nextCursor}`);
    expect(result).toEqual({ ok: true, value: page });
    await api.listQuotes();
    expect(calls[1]?.url).toBe(`${API}/quotes`);
  });

  it("keeps a stage path in the API's URL and escapes the id", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, savedQuote));
    await createApiClient({ apiUrl: "https://example.test/prod", fetch }).getSavedQuote("a/b");
    expect(calls[0]?.url).toBe("https://example.test/prod/quotes/a%2Fb");
  });

  it("reports a 404 with the API's code and message", async () => {
    const body = { error: { code: "NOT_FOUND", message: "No quote with id 01JDQ3H7Y8ZK4M6N2P9R5T0VWX" } };
    const { fetch } = fakeFetch(() => json(404, body));
    const failure = failureOf(await createApiClient({ apiUrl: API, fetch }).getSavedQuote(savedQuote.id));
    expect(failure).toEqual({ kind: "http", status: 404, ...body.error });
  });

  it("reports an error status without the API's error body by its status", async () => {
    const { fetch } = fakeFetch(
      () => new Response("<html>Bad Gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    );
    // A read that failed is sent again (see below); without a pause here, so the test need not wait.
    const failure = failureOf(
      await createApiClient({ apiUrl: API, fetch, wait: async () => {} }).listQuotes(),
    );
    expect(failure).toEqual({
      kind: "http",
      status: 502,
      code: "HTTP_502",
      message: "The API answered 502 Bad Gateway.",
    });
  });

  it("reports a network failure, naming the API it could not reach", async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    const failure = failureOf(await createApiClient({ apiUrl: API, fetch }).getQuote(true));
    expect(failure.kind).toBe("network");
    expect(failure.message).toContain(API);
  });

  it("gives up on an API that does not answer in time", async () => {
    const fetch: Fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const failure = failureOf(await createApiClient({ apiUrl: API, fetch, timeoutMs: 20 }).getQuote(true));
    expect(failure).toEqual({
      kind: "network",
      message: `The API at ${API} did not answer within 0.02 seconds.`,
    });
  });

  it("refuses a success whose body breaks the contract", async () => {
    const { fetch } = fakeFetch(() => json(200, { quote: "" }));
    const failure = failureOf(await createApiClient({ apiUrl: API, fetch }).getQuote(true));
    expect(failure).toEqual({
      kind: "invalid-response",
      status: 200,
      message: "The API answered 200 with a body this page does not understand.",
    });
  });
});

/** A fetch that answers each call with the next of `answers` (the last one again once they run out). */
function scriptedFetch(answers: (() => Response)[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: Fetch = async (url, init) => {
    calls.push({ url, init });
    return (answers[calls.length - 1] ?? (answers.at(-1) as () => Response))();
  };
  return { fetch, calls };
}

const gateway = (status: number, message: string) => () => json(status, { message });
const THROTTLED = gateway(429, "Too Many Requests");
// What API Gateway answers for a throttled function, and for one that crashed: the page cannot tell them apart
// (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html).
const INTERNAL = gateway(500, "Internal Server Error");

describe("api client, when the API is throttled or fails", () => {
  // 429 is API Gateway's own throttling, before any function runs: retried with backoff
  // (https://repost.aws/knowledge-center/api-gateway-429-limit).
  it("sends a call the gateway throttled (429) again after a growing pause, a save included", async () => {
    const waits: number[] = [];
    const { fetch, calls } = scriptedFetch([THROTTLED, THROTTLED, () => json(201, savedQuote)]);
    const api = createApiClient({ apiUrl: API, fetch, wait: async (ms) => void waits.push(ms) });
    const result = await api.saveQuote(savedQuote.quote);
    expect(result).toEqual({ ok: true, value: savedQuote });
    expect(calls.map((call) => call.init?.method)).toEqual(["POST", "POST", "POST"]);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0] as number);
  });

  it("gives up after two retries and reports the last answer", async () => {
    const { fetch, calls } = scriptedFetch([THROTTLED]);
    const api = createApiClient({ apiUrl: API, fetch, wait: async () => {} });
    const failure = failureOf(await api.getQuote(true));
    expect(calls).toHaveLength(3);
    expect(failure).toMatchObject({ kind: "http", status: 429 });
  });

  it("does not send a save again after a 500: it may have been stored", async () => {
    const { fetch, calls } = scriptedFetch([INTERNAL, () => json(201, savedQuote)]);
    const api = createApiClient({ apiUrl: API, fetch, wait: async () => {} });
    const failure = failureOf(await api.saveQuote(savedQuote.quote));
    expect(calls).toHaveLength(1);
    expect(failure).toMatchObject({ kind: "http", status: 500, code: "HTTP_500" });
  });

  it("reads again after a 500 or a 503, since a read changes nothing", async () => {
    const { fetch, calls } = scriptedFetch([
      INTERNAL,
      gateway(503, "Service Unavailable"),
      () => json(200, page),
    ]);
    const api = createApiClient({ apiUrl: API, fetch, wait: async () => {} });
    expect(await api.listQuotes()).toEqual({ ok: true, value: page });
    expect(calls).toHaveLength(3);
  });

  it("does not send again what the API refused for the caller's own reasons", async () => {
    const { fetch, calls } = scriptedFetch([() => json(403, notAJedi)]);
    const api = createApiClient({ apiUrl: API, fetch, wait: async () => {} });
    expect(failureOf(await api.getQuote(false))).toMatchObject({ status: 403 });
    expect(calls).toHaveLength(1);
  });
});

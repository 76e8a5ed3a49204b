import { NOT_WELL_FORMED_MESSAGE } from "@holonet/contracts/text";
import { createLogger } from "@holonet/lambda-kit/logger";
import { memoryQuoteStore } from "@holonet/quote-store/memory-quote-store";
import type { Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import httpSave from "../events/http-save.json";
import httpSaveBase64 from "../events/http-save-base64.json";
import { createHandler } from "../src/app";
import { createQuoteIds } from "../src/quote-ids";

const context = { awsRequestId: "00000000-0000-4000-8000-000000000002" } as Context;

function setup() {
  const store = memoryQuoteStore();
  const handler = createHandler({
    store,
    now: () => new Date("2026-11-27T12:00:00.000Z"),
    newId: createQuoteIds(),
    logger: createLogger({ service: "store-save", write: () => {} }),
  });
  return { store, handler };
}

type Response = { statusCode: number; headers: Record<string, string>; body: string };
const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) => ({
  ...httpSave,
  headers,
  body,
  isBase64Encoded: false,
});

describe("store-save handler", () => {
  it("answers POST /quotes with 201, the stored item and its Location", async () => {
    const { store, handler } = setup();
    const response = (await handler(httpSave, context)) as Response;
    expect(response.statusCode).toBe(201);
    const item = JSON.parse(response.body);
    expect(item).toMatchObject({ quote: "Do. Or do not. There is no try.", author: "Yoda" });
    expect(response.headers.location).toBe(`/quotes/${item.id}`);
    expect(await store.get(item.id)).toEqual(item);
  });

  it("reads a base64-encoded body", async () => {
    const { handler } = setup();
    const response = (await handler(httpSaveBase64, context)) as Response;
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body).quote).toBe("Ça va? I've got a bad feeling about this. 🚀");
  });

  it("names the stage in Location when the API has one", async () => {
    const { handler } = setup();
    const event = { ...httpSave, requestContext: { ...httpSave.requestContext, stage: "prod" } };
    const response = (await handler(event, context)) as Response;
    expect(response.headers.location).toMatch(/^\/prod\/quotes\/[0-9A-Z]{26}$/);
  });

  it.each([
    ["invalid JSON", post('{"quote":'), 400, "INVALID_JSON", undefined],
    ["no body", post(""), 400, "BODY_REQUIRED", undefined],
    ["a JSON array", post("[1]"), 400, "VALIDATION_FAILED", "body"],
    ["a quote that is a number", post('{"quote":42}'), 400, "VALIDATION_FAILED", "body.quote"],
    [
      "a quote of 1,001 characters",
      post(JSON.stringify({ quote: "x".repeat(1001) })),
      400,
      "VALIDATION_FAILED",
      "body.quote",
    ],
    [
      "an author of 101 characters",
      post(JSON.stringify({ quote: "x", author: "y".repeat(101) })),
      400,
      "VALIDATION_FAILED",
      "body.author",
    ],
    ["an unknown field", post('{"quote":"x","id":"mine"}'), 400, "VALIDATION_FAILED", "body"],
    // The JSON text as a client sends it: the escape, which JSON.parse reads as a lone surrogate.
    [
      "a quote with a lone surrogate",
      post(String.raw`{"quote":"Hello there \ud800"}`),
      400,
      "VALIDATION_FAILED",
      "body.quote",
    ],
    [
      "an author with a lone surrogate",
      post(String.raw`{"quote":"Hello there","author":"\udc00Kenobi"}`),
      400,
      "VALIDATION_FAILED",
      "body.author",
    ],
    ["plain text", post("hello", { "content-type": "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE", undefined],
  ])("answers %s with %i %s, naming %s, and saves nothing", async (_, event, status, code, field) => {
    const { store, handler } = setup();
    const response = (await handler(event, context)) as Response;
    expect(response.statusCode).toBe(status);
    const { error } = JSON.parse(response.body);
    expect(error.code).toBe(code);
    expect(error.details?.[0]?.path).toBe(field);
    expect(store.items.size).toBe(0);
  });

  it("saves a direct input and answers the item", async () => {
    const { store, handler } = setup();
    const item = (await handler({ quote: "Hello there." }, context)) as { id: string };
    expect(await store.get(item.id)).toEqual(item);
  });

  it("fails a direct input that breaks the contract", async () => {
    const { handler } = setup();
    await expect(handler({ quote: "" }, context)).rejects.toMatchObject({ name: "ValidationError" });
  });

  it("fails a direct input whose quote is not well-formed Unicode, naming the field", async () => {
    const { store, handler } = setup();
    await expect(handler(JSON.parse(String.raw`{"quote":"\ud83d"}`), context)).rejects.toMatchObject({
      name: "ValidationError",
      details: [{ path: "input.quote", message: NOT_WELL_FORMED_MESSAGE }],
    });
    expect(store.items.size).toBe(0);
  });
});

import { createLogger } from "@holonet/lambda-kit/logger";
import type { Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import httpJedi from "../events/http-jedi.json";
import httpNotJedi from "../events/http-not-jedi.json";
import { createHandler } from "../src/app";

const context = { awsRequestId: "00000000-0000-4000-8000-000000000001" } as Context;
const handler = createHandler({
  randomQuote: () => "Do. Or do not.",
  logger: createLogger({ service: "quote", write: () => {} }),
});

describe("quote handler", () => {
  it("answers a direct Jedi with the quote", async () => {
    expect(await handler({ isJedi: true }, context)).toEqual({ quote: "Do. Or do not." });
  });

  it.each([[{ isJedi: false }], [{}]])(
    "fails a direct invocation by %j with the classic lambda's message",
    async (input) => {
      await expect(handler(input, context)).rejects.toThrow("Sorry you can't get a quote");
    },
  );

  it.each([[{ isJedi: "true" }], [null], ["isJedi"]])(
    "refuses the direct input %j by the contract",
    async (input) => {
      await expect(handler(input, context)).rejects.toMatchObject({ name: "ValidationError" });
    },
  );

  it("ignores unknown fields of a direct input, as the classic lambda does", async () => {
    expect(await handler({ isJedi: true, extra: 1 }, context)).toEqual({ quote: "Do. Or do not." });
  });

  it("answers GET /quote?isJedi=true with 200 and the quote", async () => {
    const response = await handler(httpJedi, context);
    expect(response).toMatchObject({ statusCode: 200, headers: { "content-type": "application/json" } });
    expect(JSON.parse((response as { body: string }).body)).toEqual({ quote: "Do. Or do not." });
  });

  it("answers a non-Jedi over HTTP with 403 and the error body", async () => {
    const response = await handler(httpNotJedi, context);
    expect(response).toMatchObject({ statusCode: 403 });
    expect(JSON.parse((response as { body: string }).body)).toEqual({
      error: { code: "FORBIDDEN", message: "Sorry you can't get a quote" },
    });
  });

  it.each(["maybe", "true\ud800"])("answers isJedi=%j with 400 naming the parameter", async (isJedi) => {
    const event = {
      ...httpJedi,
      rawQueryString: `isJedi=${isJedi}`,
      queryStringParameters: { isJedi },
    };
    const response = await handler(event, context);
    expect(response).toMatchObject({ statusCode: 400 });
    expect(JSON.parse((response as { body: string }).body).error.details).toEqual([
      { path: "query.isJedi", message: "isJedi must be true or false" },
    ]);
  });
});

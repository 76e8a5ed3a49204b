import { ErrorBody } from "@holonet/contracts/error-body";
import { NOT_WELL_FORMED_MESSAGE, wellFormedText } from "@holonet/contracts/text";
import type { Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { ForbiddenError, ServiceUnavailableError } from "../src/errors";
import { jsonResponse } from "../src/http-response";
import { readJsonBody } from "../src/json-body";
import { lambdaHandler } from "../src/lambda-handler";
import { createLogger } from "../src/logger";
import { parseWith } from "../src/validate";
import postEvent from "./fixtures/http-post-event.json";

const context = { awsRequestId: "c0ffee00-0000-4000-8000-000000000000" } as Context;

function setup(behaviour: (body: unknown) => unknown) {
  const lines: string[] = [];
  const handler = lambdaHandler({
    logger: createLogger({ service: "test", write: (line) => lines.push(line) }),
    // The metrics line is checked in metrics.test.ts.
    writeMetrics: () => {},
    direct: async (input) => behaviour(input),
    http: async (request) =>
      jsonResponse(200, behaviour(parseWith(z.object({ n: z.number() }), readJsonBody(request), "body"))),
  });
  return { handler, lines };
}

const withBody = (
  body: string,
  headers: Record<string, string> = { "content-type": "application/json" },
  base64 = false,
) => ({
  ...postEvent,
  headers,
  body: base64 ? Buffer.from(body).toString("base64") : body,
  isBase64Encoded: base64,
});

const bodyOf = (response: unknown) => JSON.parse((response as { body: string }).body);

describe("lambdaHandler", () => {
  it("answers an API Gateway event through the http side", async () => {
    const { handler } = setup((body) => body);
    const response = await handler(withBody('{"n":1}'), context);
    expect(response).toMatchObject({ statusCode: 200, headers: { "content-type": "application/json" } });
    expect(bodyOf(response)).toEqual({ n: 1 });
  });

  it("decodes a base64-encoded body", async () => {
    const { handler } = setup((body) => body);
    expect(bodyOf(await handler(withBody('{"n":2}', {}, true), context))).toEqual({ n: 2 });
  });

  it("answers a direct invocation with the plain result", async () => {
    const { handler } = setup((input) => ({ got: input }));
    expect(await handler({ n: 3 }, context)).toEqual({ got: { n: 3 } });
  });

  it("fails a direct invocation with the error itself, so Lambda reports its name and message", async () => {
    const { handler } = setup(() => {
      throw new ForbiddenError("Sorry you can't get a quote");
    });
    await expect(handler({}, context)).rejects.toMatchObject({
      name: "ForbiddenError",
      message: "Sorry you can't get a quote",
    });
  });

  it("logs a refused direct invocation briefly, and a failed one in full", async () => {
    const refused = setup(() => {
      throw new ForbiddenError("no");
    });
    await expect(refused.handler({}, context)).rejects.toThrow("no");
    expect(JSON.parse(refused.lines.at(-1) ?? "{}")).toMatchObject({ level: "INFO", code: "FORBIDDEN" });
    expect(refused.lines.at(-1)).not.toContain("stack");

    const failed = setup(() => {
      throw new Error("boom");
    });
    await expect(failed.handler({}, context)).rejects.toThrow("boom");
    expect(JSON.parse(failed.lines.at(-1) ?? "{}")).toMatchObject({
      level: "ERROR",
      error: { message: "boom" },
    });
  });

  // The title's placeholders take the first values of each row, in order: what is sent, then the status.
  it.each([
    ["invalid JSON", 400, withBody("{nope"), "INVALID_JSON"],
    ["an empty body", 400, withBody(""), "BODY_REQUIRED"],
    ["a wrong type", 400, withBody('{"n":"1"}'), "VALIDATION_FAILED"],
    [
      "a form body",
      415,
      withBody("n=1", { "content-type": "application/x-www-form-urlencoded" }),
      "UNSUPPORTED_MEDIA_TYPE",
    ],
  ] as const)("answers %s with %i and the error body", async (_, status, event, code) => {
    const { handler } = setup((body) => body);
    const response = await handler(event, context);
    expect(response).toMatchObject({ statusCode: status });
    expect(bodyOf(response).error.code).toBe(code);
  });

  it("answers a body that is not UTF-8 with 400", async () => {
    const { handler } = setup((body) => body);
    const event = {
      ...withBody(""),
      body: Buffer.from([0xff, 0xfe]).toString("base64"),
      isBase64Encoded: true,
    };
    const response = await handler(event, context);
    expect(response).toMatchObject({ statusCode: 400 });
    expect(bodyOf(response).error.code).toBe("INVALID_ENCODING");
  });

  describe("text that is not well-formed Unicode", () => {
    const TextInput = z.strictObject({ text: wellFormedText("Some text.") });
    const handler = lambdaHandler({
      logger: createLogger({ service: "test", write: () => {} }),
      writeMetrics: () => {},
      direct: async (input) => input,
      http: async (request) => jsonResponse(200, parseWith(TextInput, readJsonBody(request), "body")),
    });
    /** The answer's error, checked against the error body's contract, which wants well-formed text. */
    const errorOf = (response: unknown) => ErrorBody.parse(bodyOf(response)).error;

    it("refuses a lone surrogate spelled as a JSON escape, naming the field", async () => {
      // The escape as a client sends it: six ASCII characters, which JSON.parse reads as one lone surrogate.
      const response = await handler(withBody(String.raw`{"text":"Hello \ud800"}`), context);
      expect(response).toMatchObject({ statusCode: 400 });
      expect(errorOf(response)).toMatchObject({
        code: "VALIDATION_FAILED",
        details: [{ path: "body.text", message: NOT_WELL_FORMED_MESSAGE }],
      });
    });

    it("takes a surrogate pair spelled as JSON escapes", async () => {
      const response = await handler(withBody(String.raw`{"text":"Hello \ud83d\ude00"}`), context);
      expect(response).toMatchObject({ statusCode: 200 });
      expect(bodyOf(response)).toEqual({ text: "Hello \u{1f600}" });
    });

    it("refuses a lone surrogate in a hand-built event's body instead of reading it as U+FFFD", async () => {
      // A JavaScript literal, not an escape in the JSON: the event's body string itself holds the lone surrogate.
      const response = await handler(withBody('{"text":"Hello \ud800"}'), context);
      expect(response).toMatchObject({ statusCode: 400 });
      expect(errorOf(response).code).toBe("INVALID_ENCODING");
    });

    it("answers an unknown key that holds a lone surrogate with a well-formed error body", async () => {
      const response = await handler(withBody(String.raw`{"text":"ok","\udc00":1}`), context);
      expect(response).toMatchObject({ statusCode: 400 });
      expect(errorOf(response).message).toContain("\ufffd");
    });

    it("answers invalid JSON with a well-formed message, though JSON.parse's excerpt cuts a pair", async () => {
      const body = `}${"\u{1f600}".repeat(40)}`;
      expect(() => JSON.parse(body)).toThrow(/\p{Surrogate}/u);
      const response = await handler(withBody(body), context);
      expect(response).toMatchObject({ statusCode: 400 });
      expect(errorOf(response).code).toBe("INVALID_JSON");
    });
  });

  it("names the offending field of a validation failure", async () => {
    const { handler } = setup((body) => body);
    const body = bodyOf(await handler(withBody('{"n":"1"}'), context));
    expect(body.error.details).toEqual([
      { path: "body.n", message: expect.stringContaining("expected number") },
    ]);
    expect(body.error.message).toMatch(/^Invalid request: body\.n: /);
  });

  it("hides an unexpected error behind a generic 500 and logs it in full", async () => {
    const { handler, lines } = setup(() => {
      throw new Error("secret connection string postgres://admin:hunter2@db");
    });
    const response = await handler(withBody('{"n":1}'), context);
    expect(response).toMatchObject({ statusCode: 500 });
    const text = (response as { body: string }).body;
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("at ");
    expect(bodyOf(response).error).toEqual({
      code: "INTERNAL_ERROR",
      message: `Internal error; quote request id ${postEvent.requestContext.requestId} when reporting it`,
    });
    const logged = JSON.parse(lines.at(-1) ?? "{}");
    expect(logged).toMatchObject({ level: "ERROR", requestId: context.awsRequestId });
    expect(logged.error.message).toContain("hunter2");
  });

  it("answers a dependency outage with 503", async () => {
    const { handler } = setup(() => {
      throw new ServiceUnavailableError("The quote store is unavailable (read)");
    });
    const response = await handler(withBody('{"n":1}'), context);
    expect(response).toMatchObject({ statusCode: 503 });
    expect(bodyOf(response).error.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("logs coldStart on the instance's first invocation only, and the request's trace id", async () => {
    const lines: string[] = [];
    let traceEnv: string | undefined;
    const handler = lambdaHandler({
      logger: createLogger({ service: "test", write: (line) => lines.push(line) }),
      // The metrics line is checked in metrics.test.ts.
      writeMetrics: () => {},
      environment: () => ({ _X_AMZN_TRACE_ID: traceEnv }),
      direct: async () => {
        throw new ForbiddenError("no");
      },
      http: async (_request, log) => {
        log.info("answered");
        return jsonResponse(200, {});
      },
    });
    await handler(
      withBody('{"n":1}', { "x-amzn-trace-id": "Root=1-6746f0d0-3c5b2a1f0e9d8c7b6a594837" }),
      context,
    );
    traceEnv = "Root=1-6746f0d1-000000000000000000000001;Parent=1;Sampled=0";
    await expect(handler({}, context)).rejects.toThrow("no");
    traceEnv = undefined;
    await expect(handler({}, context)).rejects.toThrow("no");
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.map((entry) => [entry.coldStart, entry.xRayTraceId])).toEqual([
      [true, "1-6746f0d0-3c5b2a1f0e9d8c7b6a594837"],
      [false, "1-6746f0d1-000000000000000000000001"],
      [false, undefined],
    ]);
    expect(entries[0]).toMatchObject({ requestId: context.awsRequestId, service: "test", level: "INFO" });
  });
});

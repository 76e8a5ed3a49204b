import { ErrorBody } from "@holonet/contracts/error-body";
import type { FunctionName } from "@holonet/contracts/functions";
import { FUNCTION_NAMES } from "@holonet/contracts/functions";
import { NOT_A_JEDI_MESSAGE, QuoteOutput } from "@holonet/contracts/quote";
import { SavedQuote } from "@holonet/contracts/saved-quote";
import { QuotePage } from "@holonet/contracts/store-get";
import { NOT_FOUND } from "@holonet/local-gateway/gateway-errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, ContractTarget, PlatformAnswers } from "./contract-target";
import { type Call, call, json } from "./http-call";

export interface SuiteOptions {
  /** The platform, as the test report names it. */
  name: string;
  start: () => Promise<ContractTarget>;
  platformAnswers?: PlatformAnswers;
}

/** An id of the contract's form that no quote has. */
const UNKNOWN_ID = "01JDQ3H7Y8ZK4M6N2P9R5T0VWX";
const MAX_PAGES = 50;

function expectJson(answer: Answer, status: number): unknown {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  return JSON.parse(answer.text);
}

/** The contract's error body, with its code and, for a validation failure, the fields it names. */
function expectError(answer: Answer, status: number, code: string, fields: string[] = []) {
  const body = ErrorBody.parse(expectJson(answer, status));
  expect(body.error.code).toBe(code);
  const paths = (body.error.details ?? []).map((detail) => detail.path);
  expect(paths).toEqual(expect.arrayContaining(fields));
  return body;
}

/**
 * The HTTP contract of the three services, one suite for every platform they run on: each route's answers,
 * validated with the zod contracts, the error bodies and the gateway's own 404. Tests run in order: the
 * store routes read what the save routes wrote.
 */
export function describeContractSuite({ name, start, platformAnswers = {} }: SuiteOptions): void {
  describe(`the HTTP contract on ${name}`, () => {
    let target: ContractTarget;
    const send = (request: Call) => call(target, request);
    const save = async (quote: string, author?: string) => {
      const answer = await send({
        service: "store-save",
        method: "POST",
        path: "/quotes",
        ...json({ quote, author }),
      });
      return SavedQuote.parse(expectJson(answer, 201));
    };

    beforeAll(async () => {
      target = await start();
    });
    afterAll(async () => {
      await target?.close();
    });

    describe("GET /quote", () => {
      it("gives a Jedi a quote", async () => {
        const answer = await send({ service: "quote", method: "GET", path: "/quote?isJedi=true" });
        expect(QuoteOutput.parse(expectJson(answer, 200)).quote.length).toBeGreaterThan(0);
      });

      it.each(["/quote", "/quote?isJedi=false"])(
        "refuses anyone else (%s) with 403 and the classic lambda's words",
        async (path) => {
          const body = expectError(await send({ service: "quote", method: "GET", path }), 403, "FORBIDDEN");
          expect(body.error.message).toBe(NOT_A_JEDI_MESSAGE);
        },
      );

      it("names query.isJedi when it is neither true nor false", async () => {
        const answer = await send({ service: "quote", method: "GET", path: "/quote?isJedi=maybe" });
        expectError(answer, 400, "VALIDATION_FAILED", ["query.isJedi"]);
      });
    });

    describe("POST /quotes", () => {
      it("saves a quote: 201, the saved item and its Location", async () => {
        const answer = await send({
          service: "store-save",
          method: "POST",
          path: "/quotes",
          ...json({ quote: "Do. Or do not.", author: "Yoda" }),
        });
        const item = SavedQuote.parse(expectJson(answer, 201));
        expect(item).toMatchObject({ quote: "Do. Or do not.", author: "Yoda" });
        expect(answer.headers.get("location")).toBe(`/quotes/${item.id}`);
      });

      const malformed = platformAnswers.malformedJson;
      it(
        malformed
          ? `answers malformed JSON itself: ${malformed.why}`
          : "refuses malformed JSON with 400 INVALID_JSON",
        async () => {
          const answer = await send({
            service: "store-save",
            method: "POST",
            path: "/quotes",
            headers: { "content-type": "application/json" },
            body: '{"quote": ',
          });
          if (malformed) malformed.check(answer);
          else expectError(answer, 400, "INVALID_JSON");
        },
      );

      it("refuses a body that is not JSON with 415", async () => {
        const answer = await send({
          service: "store-save",
          method: "POST",
          path: "/quotes",
          headers: { "content-type": "text/plain" },
          body: "Do. Or do not.",
        });
        expectError(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
      });

      it("names each offending field with 400", async () => {
        const answer = await send({
          service: "store-save",
          method: "POST",
          path: "/quotes",
          ...json({ quote: " ", author: "" }),
        });
        expectError(answer, 400, "VALIDATION_FAILED", ["body.quote", "body.author"]);
      });

      const bare = platformAnswers.bodyWithoutContentType;
      it(
        bare ? `a body without Content-Type: ${bare.why}` : "reads a body without Content-Type as JSON",
        async () => {
          const answer = await send({
            service: "store-save",
            method: "POST",
            path: "/quotes",
            body: '{"quote":"Bare."}',
          });
          if (bare) bare.check(answer);
          else expect(SavedQuote.parse(expectJson(answer, 201)).quote).toBe("Bare.");
        },
      );
    });

    describe("GET /quotes/{id}", () => {
      it("answers a saved quote with a strong ETag, and 304 when it still matches", async () => {
        const saved = await save("Patience you must have.", "Yoda");
        const answer = await send({ service: "store-get", method: "GET", path: `/quotes/${saved.id}` });
        expect(SavedQuote.parse(expectJson(answer, 200))).toEqual(saved);
        const etag = answer.headers.get("etag");
        expect(etag).toMatch(/^"[^"]+"$/);
        const again = await send({
          service: "store-get",
          method: "GET",
          path: `/quotes/${saved.id}`,
          headers: { "if-none-match": etag ?? "" },
        });
        expect(again.status).toBe(304);
        expect(again.text).toBe("");
      });

      it("answers 404 for an id no quote has", async () => {
        const answer = await send({ service: "store-get", method: "GET", path: `/quotes/${UNKNOWN_ID}` });
        expectError(answer, 404, "NOT_FOUND");
      });

      it("names path.id for an id of another form", async () => {
        const answer = await send({ service: "store-get", method: "GET", path: "/quotes/not-an-id" });
        expectError(answer, 400, "VALIDATION_FAILED", ["path.id"]);
      });
    });

    describe("GET /quotes", () => {
      it("pages through the quotes newest first, each once", async () => {
        const fresh = [await save("One."), await save("Two."), await save("Three.")];
        const seen: SavedQuote[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < MAX_PAGES; pages++) {
          const path = `/quotes?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
          const page = QuotePage.parse(
            expectJson(await send({ service: "store-get", method: "GET", path }), 200),
          );
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items);
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        expect(cursor).toBeUndefined();
        expect(seen.slice(0, 3).map((item) => item.id)).toEqual(fresh.map((item) => item.id).reverse());
        const ids = seen.map((item) => item.id);
        expect(ids).toEqual([...ids].sort().reverse());
        expect(new Set(ids).size).toBe(ids.length);
      });

      it("names query.limit when it is out of bounds", async () => {
        const answer = await send({ service: "store-get", method: "GET", path: "/quotes?limit=0" });
        expectError(answer, 400, "VALIDATION_FAILED", ["query.limit"]);
      });
    });

    describe("a route nobody serves", () => {
      const unknown: [FunctionName, Call["method"], string][] = FUNCTION_NAMES.flatMap((service) => [
        [service, "GET", "/no-such-route"] as [FunctionName, Call["method"], string],
        [service, "DELETE", "/quotes"] as [FunctionName, Call["method"], string],
      ]);
      it.each(unknown)("%s: %s %s answers the gateway's 404", async (service, method, path) => {
        const answer = await send({ service, method, path });
        expect(answer.status).toBe(NOT_FOUND.statusCode);
        expect(answer.text).toBe(NOT_FOUND.body.toString());
      });
    });
  });
}

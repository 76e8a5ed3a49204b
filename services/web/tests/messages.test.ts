import { describe, expect, it } from "vitest";
import {
  failureMessage,
  listSummary,
  NOT_IN_ARCHIVES,
  savedAtLabel,
  savedQuoteFailureMessage,
} from "../src/messages";

describe("failureMessage", () => {
  it("shows a refusal in the API's own words", () => {
    expect(
      failureMessage({
        kind: "http",
        status: 403,
        code: "NOT_A_JEDI",
        message: "Sorry you can't get a quote",
      }),
    ).toBe("Sorry you can't get a quote");
  });

  it("says a server error is not the visitor's fault", () => {
    expect(
      failureMessage({
        kind: "http",
        status: 503,
        code: "STORE_UNAVAILABLE",
        message: "The quote store is unavailable.",
      }),
    ).toBe("The quote store is unavailable. (the service had a problem, error 503; try again in a moment)");
  });

  it("tells a throttled visitor to try again", () => {
    expect(
      failureMessage({
        kind: "http",
        status: 429,
        code: "HTTP_429",
        message: "The API answered 429 Too Many Requests.",
      }),
    ).toBe("The API answered 429 Too Many Requests. (the service is busy; try again in a moment)");
  });

  it("passes network failures through", () => {
    expect(failureMessage({ kind: "network", message: "Could not reach the API." })).toBe(
      "Could not reach the API.",
    );
  });
});

describe("savedQuoteFailureMessage", () => {
  it.each([
    [
      400,
      "VALIDATION_FAILED",
      "Invalid request: path.id: must be a quote id: 26 characters of Crockford base32",
    ],
    [404, "NOT_FOUND", "No quote has the id 01JDQ3H7Y8ZK4M6N2P9R5T0VWX"],
  ])("tells a visitor that a %i (%s) quote is not in the archives", (status, code, message) => {
    expect(savedQuoteFailureMessage({ kind: "http", status, code, message })).toBe(
      "That quote is not in the archives.",
    );
  });

  it("says other failures as failureMessage does", () => {
    const failure = {
      kind: "http",
      status: 503,
      code: "STORE_UNAVAILABLE",
      message: "The quote store is unavailable.",
    } as const;
    expect(savedQuoteFailureMessage(failure)).toBe(failureMessage(failure));
    expect(savedQuoteFailureMessage(failure)).not.toBe(NOT_IN_ARCHIVES);
  });
});

describe("savedAtLabel", () => {
  it("shows the time in UTC, the same everywhere", () => {
    expect(savedAtLabel("2024-11-27T12:45:03.120Z")).toBe("27 Nov 2024, 12:45 UTC");
    expect(savedAtLabel("2025-01-03T00:00:00Z")).toBe("3 Jan 2025, 00:00 UTC");
  });

  it("shows an unreadable time as it came", () => {
    expect(savedAtLabel("yesterday")).toBe("yesterday");
  });
});

describe("listSummary", () => {
  it.each([
    [0, false, "No saved quotes yet. Get a quote and save it."],
    [1, false, "1 saved quote."],
    [3, false, "3 saved quotes."],
    [20, true, "Showing the newest 20 quotes."],
  ])("%i shown, more: %s -> %s", (shown, more, text) => {
    expect(listSummary(shown, more)).toBe(text);
  });
});

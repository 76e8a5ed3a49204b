import { describe, expect, it } from "vitest";
import { failureMessage, listSummary, savedAtLabel } from "../src/messages";

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

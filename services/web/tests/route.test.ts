import { describe, expect, it } from "vitest";
import { HOME_HREF, parseRoute, quoteHref } from "../src/route";

const ID = "01JDQ3H7Y8ZK4M6N2P9R5T0VWX";

describe("routes", () => {
  it("links to a saved quote within the page", () => {
    expect(quoteHref(ID)).toBe(`#/quotes/${ID}`);
    expect(parseRoute(quoteHref(ID))).toEqual({ view: "quote", id: ID });
  });

  it("round-trips an id that needs escaping", () => {
    expect(parseRoute(quoteHref("a b/c"))).toEqual({ view: "quote", id: "a b/c" });
  });

  it.each([
    "",
    "#",
    HOME_HREF,
    "#/quotes",
    "#/quotes/",
    `#/quotes/${ID}/more`,
    "#/other",
    "#/quotes/%E0%A4%A",
  ])("shows home for %j", (hash) => {
    expect(parseRoute(hash)).toEqual({ view: "home" });
  });
});

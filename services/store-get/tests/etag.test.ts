import { describe, expect, it } from "vitest";
import { matchesIfNoneMatch, strongEtag } from "../src/etag";

describe("ETag", () => {
  it("is strong, quoted, and the same for the same bytes", () => {
    expect(strongEtag('{"a":1}')).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(strongEtag('{"a":1}')).toBe(strongEtag('{"a":1}'));
    expect(strongEtag('{"a":1}')).not.toBe(strongEtag('{"a":2}'));
  });

  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ["*", true],
    ['"abcd"', false],
    ["abc", false],
    [undefined, false],
  ])("If-None-Match %s matches %s", (header, expected) => {
    expect(matchesIfNoneMatch(header, '"abc"')).toBe(expected);
  });
});

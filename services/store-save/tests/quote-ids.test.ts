import { QuoteId } from "@holonet/contracts/saved-quote";
import { describe, expect, it } from "vitest";
import { createQuoteIds } from "../src/quote-ids";

const at = (ms: number) => new Date(ms);

describe("quote ids", () => {
  it("are ULIDs the contract accepts", () => {
    const next = createQuoteIds();
    for (let i = 0; i < 200; i++) expect(QuoteId.safeParse(next(at(Date.now()))).success).toBe(true);
  });

  it("encode the time in their first ten characters", () => {
    const fixedRandom = () => new Uint8Array(10);
    expect(createQuoteIds(fixedRandom)(at(0))).toBe("00000000000000000000000000");
    expect(createQuoteIds(fixedRandom)(at(1))).toBe("00000000010000000000000000");
    expect(createQuoteIds(fixedRandom)(at(2 ** 48 - 1))).toBe("7ZZZZZZZZZ0000000000000000");
  });

  it("sort by time, and within one millisecond in the order they were made", () => {
    const next = createQuoteIds();
    const ids = [at(1000), at(1000), at(1000), at(1001), at(5000), at(5000)].map(next);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("never go backwards when the clock does", () => {
    const next = createQuoteIds();
    const later = next(at(10_000));
    expect(next(at(9_000)) > later).toBe(true);
  });

  it("differ between instances made in the same millisecond", () => {
    const ids = Array.from({ length: 100 }, () => createQuoteIds()(at(42)));
    expect(new Set(ids).size).toBe(100);
  });

  it("carry into the next millisecond when a millisecond's random part runs out", () => {
    const next = createQuoteIds(() => new Uint8Array(10).fill(0xff));
    const first = next(at(7));
    const second = next(at(7));
    expect(first).toBe("0000000007ZZZZZZZZZZZZZZZZ");
    expect(second).toBe("00000000080000000000000000");
  });
});

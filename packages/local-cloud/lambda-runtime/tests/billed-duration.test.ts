import { describe, expect, it } from "vitest";
import { billedDurationMs } from "../src/billed-duration";

// Lambda bills duration rounded up to the nearest 1 ms (https://aws.amazon.com/lambda/pricing/), and it bills
// the init phase with the rest of the duration.
describe("the billed duration", () => {
  it("rounds the duration up to the next whole millisecond", () => {
    expect(billedDurationMs({ durationMs: 1.01 })).toBe(2);
    expect(billedDurationMs({ durationMs: 0.2 })).toBe(1);
  });

  it("keeps a whole number of milliseconds as it is", () => {
    expect(billedDurationMs({ durationMs: 3000 })).toBe(3000);
  });

  it("adds the init to the duration before rounding the sum up", () => {
    expect(billedDurationMs({ durationMs: 10.4, initDurationMs: 120.3 })).toBe(131);
  });
});

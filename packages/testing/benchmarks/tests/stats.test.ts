import { describe, expect, it } from "vitest";
import { median, percentile } from "../src/stats";

describe("percentile", () => {
  it("takes the nearest rank, whatever the order of the samples", () => {
    const samples = [5, 1, 4, 2, 3];
    expect(median(samples)).toBe(3);
    expect(percentile(samples, 99)).toBe(5);
    expect(percentile(samples, 1)).toBe(1);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
  });

  it("is NaN for no samples, never a made-up number", () => {
    expect(median([])).toBeNaN();
  });
});

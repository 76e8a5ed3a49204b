import { describe, expect, it } from "vitest";
import { isolatedPoints } from "../src/page/live-chart";

describe("isolatedPoints", () => {
  it("finds the seconds with a value and none on either side, which a line alone would not draw", () => {
    expect(isolatedPoints([null, 3, null, 4, 5, null, 6])).toEqual([1, 6]);
    expect(isolatedPoints([7])).toEqual([0]);
  });

  it("finds none in a continuous line or in no data", () => {
    expect(isolatedPoints([1, 2, 3])).toEqual([]);
    expect(isolatedPoints([null, null])).toEqual([]);
    expect(isolatedPoints([])).toEqual([]);
  });
});

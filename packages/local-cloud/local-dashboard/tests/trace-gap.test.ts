import { describe, expect, it } from "vitest";
import type { Span } from "../src/dashboard-api";
import { sandboxGap } from "../src/page/trace-waterfall";

const span = (hop: Span["hop"], startOffsetMs: number, durationMs: number): Span => ({
  hop,
  name: hop,
  startOffsetMs,
  durationMs,
});

describe("the time before a cold start's init", () => {
  it("is the sandbox starting: from the Lambda span's start to Init's", () => {
    const cold = [
      span("gateway", 0, 325.72),
      span("lambda", 10, 315),
      span("init", 113.59, 150),
      span("handler", 263.59, 61.41),
    ];
    expect(sandboxGap(cold)).toEqual({
      hop: "init",
      name: "Sandbox start",
      startOffsetMs: 10,
      durationMs: 103.59,
      detail: "a new execution environment, before Init",
    });
  });

  it("is not shown on a warm start, or when it is under a millisecond", () => {
    expect(sandboxGap([span("lambda", 1.5, 41.3), span("handler", 2.2, 38.9)])).toBeUndefined();
    expect(
      sandboxGap([span("lambda", 1.8, 201), span("init", 2.1, 182), span("handler", 184.6, 17)]),
    ).toBeUndefined();
  });
});

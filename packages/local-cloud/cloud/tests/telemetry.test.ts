import { describe, expect, it } from "vitest";
import { emptyHistogram, percentiles, record } from "../src/telemetry/latency-histogram";
import { createMetricWindow } from "../src/telemetry/metric-window";

describe("the latency histogram", () => {
  it("gives percentiles no lower than the true value and within 5% above it", () => {
    const histogram = emptyHistogram();
    for (let ms = 1; ms <= 1000; ms += 1) record(histogram, ms);
    const { p50, p95, p99 } = percentiles(histogram);
    for (const [value, truth] of [
      [p50, 500],
      [p95, 950],
      [p99, 990],
    ] as const) {
      expect(value).toBeGreaterThanOrEqual(truth);
      expect(value).toBeLessThanOrEqual(truth * 1.05);
    }
    expect(percentiles(emptyHistogram())).toEqual({ p50: null, p95: null, p99: null });
  });
});

describe("the metric window", () => {
  it("keeps one point a second, carries a long execution's concurrency through quiet seconds, forgets old ones", () => {
    let now = 1_000_000;
    const window = createMetricWindow(5, () => now);
    window.started("f");
    window.request(10);
    now += 1000;
    window.started("f");
    window.request(20);
    window.finished("f");
    now += 2000; // a quiet second between
    const series = window.series();
    expect(series.t).toEqual([999, 1000, 1001, 1002, 1003]);
    expect(series.requests).toEqual([0, 1, 1, 0, 0]);
    expect(series.concurrency.f).toEqual([0, 1, 2, 1, 1]);

    now += 10_000; // past the window: the requests are gone, the execution still running is not
    expect(window.series().requests).toEqual([0, 0, 0, 0, 0]);
    expect(window.series().concurrency.f).toEqual([1, 1, 1, 1, 1]);
    expect(window.latency()).toEqual({ p50: null, p95: null, p99: null });
  });
});

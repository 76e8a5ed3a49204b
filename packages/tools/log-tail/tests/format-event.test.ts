import { describe, expect, it } from "vitest";
import { formatEvent } from "../src/format-event";
import { parseSince, plainTermPattern } from "../src/since";

const REQUEST = "c0ffee00-0000-4000-8000-000000000000";
const at = Date.UTC(2026, 10, 27, 13, 0, 0, 5);
const event = (message: string) => ({
  timestamp: at,
  message,
  logStreamName: "2026/11/27/[3]0123456789abcdef0123456789abcdef",
});

describe("formatEvent", () => {
  it("shows a JSON line as time, version, request id, level, message and the other fields compactly", () => {
    const line = JSON.stringify({
      timestamp: "x",
      level: "INFO",
      service: "store-save",
      message: "Quote saved",
      requestId: REQUEST,
      coldStart: true,
      id: "q1",
    });
    expect(formatEvent(event(line), { color: false })).toBe(
      `2026-11-27T13:00:00.005Z [3] ${REQUEST} INFO  Quote saved coldStart=true id=q1`,
    );
  });

  it("reads the request id of Lambda's START/REPORT lines and of the runtime's console lines", () => {
    expect(formatEvent(event(`START RequestId: ${REQUEST} Version: 3`), { color: false })).toContain(
      `[3] ${REQUEST} START RequestId`,
    );
    expect(
      formatEvent(event(`2026-11-27T13:00:00.005Z\t${REQUEST}\tWARN\tslow`), { color: false }),
    ).toContain(`${REQUEST} WARN  slow`);
  });

  it("shows an Embedded Metric Format line as its metrics' values", () => {
    const message = JSON.stringify({
      _aws: {
        Timestamp: 1,
        CloudWatchMetrics: [
          {
            Namespace: "Holonet",
            Dimensions: [["service"]],
            Metrics: [{ Name: "Invocations" }, { Name: "Duration", Unit: "Milliseconds" }],
          },
        ],
      },
      service: "quote",
      Invocations: 1,
      Duration: 2.5,
      requestId: "11111111-2222-4333-8444-555555555555",
    });
    expect(formatEvent({ timestamp: 0, message }, { color: false })).toBe(
      "1970-01-01T00:00:00.000Z 11111111-2222-4333-8444-555555555555 METRIC Invocations=1 Duration=2.5",
    );
  });

  it("colours only when asked", () => {
    const line = JSON.stringify({ level: "ERROR", message: "boom", requestId: REQUEST });
    expect(formatEvent(event(line), { color: true })).toContain("\u001b[31mERROR");
    expect(formatEvent(event(line), { color: false })).not.toContain("\u001b[");
  });
});

describe("--since and --filter", () => {
  it("reads durations back from now and date-times", () => {
    expect(parseSince("10m", 1_000_000)).toBe(400_000);
    expect(parseSince("2h", 10_000_000)).toBe(2_800_000);
    expect(parseSince("2026-11-27T13:00:00Z")).toBe(Date.UTC(2026, 10, 27, 13));
    expect(parseSince("soon")).toBeUndefined();
  });

  it("quotes the filter text so it is one plain term", () => {
    expect(plainTermPattern('say "hi"')).toBe('"say \\"hi\\""');
  });
});

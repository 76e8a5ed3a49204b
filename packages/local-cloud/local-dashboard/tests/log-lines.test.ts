import { describe, expect, it } from "vitest";
import { fieldValue, readLogLine } from "../src/page/log-lines";

const REQUEST = "16bec86c-c1b7-4bc2-b989-dff4b633f171";

describe("reading a log line for the logs pane", () => {
  it("reads a service's JSON line as time, level, message and its own fields, leaving out what every line repeats", () => {
    const line = JSON.stringify({
      timestamp: "2026-11-30T15:24:59.272Z",
      level: "INFO",
      service: "store-save",
      message: "Quote saved",
      requestId: REQUEST,
      coldStart: true,
      xRayTraceId: "1-6b0d954a-4bc392a588501554ee42b83c",
      route: "POST /quotes",
      id: "01M8PGYBEQHE1014FSSGAAHYGF",
    });
    expect(readLogLine(line)).toEqual({
      kind: "entry",
      time: "15:24:59.272",
      level: "INFO",
      message: "Quote saved",
      fields: [
        ["route", '"POST /quotes"'],
        ["id", "01M8PGYBEQHE1014FSSGAAHYGF"],
      ],
    });
  });

  it("spreads an object field into dotted keys", () => {
    const line = JSON.stringify({
      level: "info",
      message: "S3 PutObject",
      span: { hop: "s3", name: "S3 PutObject", durationMs: 43.25, status: 200 },
    });
    expect(readLogLine(line)).toMatchObject({
      level: "INFO",
      fields: [
        ["span.hop", "s3"],
        ["span.name", '"S3 PutObject"'],
        ["span.durationMs", "43.25"],
        ["span.status", "200"],
      ],
    });
  });

  it("reads the Embedded Metric Format line as its metrics with units, then its dimensions", () => {
    const line = JSON.stringify({
      _aws: {
        Timestamp: 1796051614437,
        CloudWatchMetrics: [
          {
            Namespace: "Holonet",
            Dimensions: [["service"], ["service", "qualifier"]],
            Metrics: [
              { Name: "Invocations", Unit: "Count" },
              { Name: "Errors", Unit: "Count" },
              { Name: "ColdStart", Unit: "Count" },
              { Name: "Duration", Unit: "Milliseconds" },
            ],
          },
        ],
      },
      service: "store-save",
      qualifier: "dev",
      Invocations: 1,
      Errors: 0,
      ColdStart: 1,
      Duration: 60.63,
      requestId: REQUEST,
    });
    expect(readLogLine(line)).toEqual({
      kind: "metric",
      metrics: [
        ["Invocations", "1"],
        ["Errors", "0"],
        ["ColdStart", "1"],
        ["Duration", "60.63ms"],
      ],
      dimensions: [
        ["service", "store-save"],
        ["qualifier", "dev"],
      ],
    });
  });

  it("keeps Lambda's own lines as text, tabs opened up, and marks them as the platform's", () => {
    expect(readLogLine(`REPORT RequestId: ${REQUEST}\tDuration: 61.41 ms\tBilled Duration: 212 ms`)).toEqual({
      kind: "text",
      text: `REPORT RequestId: ${REQUEST}  Duration: 61.41 ms  Billed Duration: 212 ms`,
      platform: true,
    });
    expect(readLogLine(`START RequestId: ${REQUEST} Version: 1`)).toMatchObject({ platform: true });
  });

  it.each([
    ["a plain console line", "hello from the handler"],
    ["JSON that is cut short", '{"level":"INFO","message":"Quote'],
    ["JSON with no message", '{"level":"INFO","count":3}'],
    ["a JSON array", "[1,2,3]"],
  ])("shows %s as it came", (_, line) => {
    expect(readLogLine(line)).toEqual({ kind: "text", text: line, platform: false });
  });
});

describe("fieldValue", () => {
  it("quotes only the strings that would read ambiguously bare", () => {
    expect(fieldValue("s3")).toBe("s3");
    expect(fieldValue("POST /quotes")).toBe('"POST /quotes"');
    expect(fieldValue("a=b")).toBe('"a=b"');
    expect(fieldValue("")).toBe('""');
    expect(fieldValue(false)).toBe("false");
    expect(fieldValue(null)).toBe("null");
    expect(fieldValue([1, "two"])).toBe('[1,"two"]');
  });
});

import { describe, expect, it } from "vitest";
import { formatDuration, parseLogLine, readableLogLine } from "../src/log-line";

const REQUEST = "c0ffee00-0000-4000-8000-000000000000";
const plain = { color: false };
const emf = JSON.stringify({
  _aws: {
    Timestamp: 1,
    CloudWatchMetrics: [
      {
        Namespace: "Holonet",
        Dimensions: [["service"]],
        Metrics: [{ Name: "Invocations" }, { Name: "ColdStart" }, { Name: "Duration", Unit: "Milliseconds" }],
      },
    ],
  },
  service: "quote",
  Invocations: 1,
  ColdStart: 0,
  Duration: 0.71,
  requestId: REQUEST,
  xRayTraceId: "1-abc-def",
});

describe("parseLogLine", () => {
  it("tells Lambda's own lines, metrics, JSON lines, console lines and plain text apart", () => {
    expect(parseLogLine(`START RequestId: ${REQUEST} Version: 3`)).toMatchObject({
      kind: "runtime",
      requestId: REQUEST,
    });
    expect(parseLogLine("INIT_START Runtime Version: nodejs:24.v1").kind).toBe("runtime");
    expect(parseLogLine(emf)).toMatchObject({ kind: "metrics", level: "METRIC", requestId: REQUEST });
    expect(parseLogLine(JSON.stringify({ level: "warn", message: "slow", id: 7 }))).toEqual({
      kind: "json",
      requestId: undefined,
      level: "WARN",
      message: "slow",
      fields: [["id", "7"]],
    });
    expect(parseLogLine(`2026-11-27T13:00:00.005Z\t${REQUEST}\tERROR\tboom\tagain`)).toMatchObject({
      kind: "console",
      requestId: REQUEST,
      level: "ERROR",
      message: "boom\tagain",
    });
    expect(parseLogLine("{not json").kind).toBe("text");
  });
});

describe("readableLogLine", () => {
  it("shows an Embedded Metric Format line as its metrics' values only", () => {
    expect(readableLogLine(emf, plain)).toBe("METRIC Invocations=1 ColdStart=0 Duration=0.71");
  });

  it("folds Lambda's START/END/REPORT away: the request line tells their news", () => {
    for (const line of [
      `START RequestId: ${REQUEST} Version: 1`,
      `END RequestId: ${REQUEST}`,
      `REPORT RequestId: ${REQUEST}\tDuration: 0.90 ms\tBilled Duration: 1 ms`,
    ])
      expect(readableLogLine(line, plain)).toBeUndefined();
  });

  it("leaves out the fields told elsewhere and shows an AWS call's span as its status and time", () => {
    const line = JSON.stringify({
      timestamp: "2026-11-30T15:11:59.806Z",
      level: "INFO",
      service: "store-save",
      message: "S3 PutObject",
      requestId: REQUEST,
      coldStart: true,
      xRayTraceId: "1-abc-def",
      span: { hop: "s3", name: "S3 PutObject", durationMs: 44.41, status: 200 },
      route: "POST /quotes",
    });
    expect(readableLogLine(line, plain)).toBe("INFO  S3 PutObject -> 200 in 44 ms route=POST /quotes");
  });

  it("shows the runtime's log of a function error as its type and message, without the stack", () => {
    const error = {
      errorType: "ForbiddenError",
      errorMessage: "Sorry you can't get a quote",
      stack: ["ForbiddenError: Sorry you can't get a quote", "    at quoteFor (/var/task/handler.mjs:1:2)"],
    };
    const line = `2026-11-30T15:23:01.581Z\t${REQUEST}\tERROR\tInvoke Error \t${JSON.stringify(error)}`;
    expect(readableLogLine(line, plain)).toBe(
      "ERROR Invoke Error ForbiddenError: Sorry you can't get a quote",
    );
  });

  it("colours the level only when asked", () => {
    const line = JSON.stringify({ level: "ERROR", message: "boom" });
    expect(readableLogLine(line, { color: true })).toBe("\u001b[31mERROR\u001b[0m boom");
    expect(readableLogLine(line, plain)).toBe("ERROR boom");
  });
});

describe("formatDuration", () => {
  it("is as precise as a person reads it", () => {
    expect(formatDuration(0.61)).toBe("0.6 ms");
    expect(formatDuration(8.14)).toBe("8.1 ms");
    expect(formatDuration(260.4)).toBe("260 ms");
    expect(formatDuration(1430)).toBe("1.4 s");
  });
});

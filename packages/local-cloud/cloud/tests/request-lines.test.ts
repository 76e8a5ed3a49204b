import { describe, expect, it } from "vitest";
import { type InvocationSummary, invocationLines, requestLines } from "../src/request-lines";

const REQUEST = "40c1ba8d-aed6-4741-86bb-8e604d57fc68";
const plain = { color: false };
// What quote logs on a cold invocation, as Lambda writes it.
const coldQuoteLogs = [
  "INIT_START Runtime Version: nodejs:24.v24.22.3\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:4d4a",
  `START RequestId: ${REQUEST} Version: 1`,
  JSON.stringify({
    _aws: {
      Timestamp: 1796051519161,
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
    service: "quote",
    qualifier: "dev",
    Invocations: 1,
    Errors: 0,
    ColdStart: 1,
    Duration: 9.16,
    requestId: REQUEST,
    coldStart: true,
  }),
  `END RequestId: ${REQUEST}`,
  `REPORT RequestId: ${REQUEST}\tDuration: 10.39 ms\tBilled Duration: 49 ms\tMemory Size: 128 MB\tMax Memory Used: 56 MB\tInit Duration: 37.76 ms`,
];
const coldQuote: InvocationSummary = {
  service: "quote",
  qualifier: "dev",
  version: "1",
  durationMs: 10.39,
  coldStart: true,
  initDurationMs: 37.76,
  logs: coldQuoteLogs,
  request: { method: "GET", path: "/quote", query: "isJedi=true" },
};

describe("requestLines", () => {
  it("gives a request one line, with its function's cold start, and its log lines indented under it", () => {
    expect(
      requestLines({ method: "GET", path: "/quote", status: 200, latencyMs: 260.1 }, coldQuote, plain),
    ).toEqual([
      "GET /quote?isJedi=true -> 200 in 260 ms (quote v1, cold start 38 ms)",
      "    METRIC Invocations=1 Errors=0 ColdStart=1 Duration=9.16",
    ]);
  });

  it("says nothing of a cold start on a warm invocation, and names a failure's reason", () => {
    const warm = { ...coldQuote, coldStart: false, initDurationMs: undefined, logs: [], error: "TypeError" };
    expect(
      requestLines(
        {
          method: "GET",
          path: "/quote",
          status: 500,
          latencyMs: 8.12,
          integrationError: "The Lambda function returned an error",
        },
        warm,
        plain,
      ),
    ).toEqual([
      "GET /quote?isJedi=true -> 500 in 8.1 ms (quote v1, function error TypeError; The Lambda function returned an error)",
    ]);
  });

  it("shows a request no function answered as its line alone", () => {
    expect(
      requestLines({ method: "GET", path: "/nope", status: 404, latencyMs: 0.6 }, undefined, plain),
    ).toEqual(["GET /nope -> 404 in 0.6 ms"]);
  });

  it("colours the status only when asked", () => {
    const [line] = requestLines({ method: "GET", path: "/x", status: 503, latencyMs: 1 }, undefined, {
      color: true,
    });
    expect(line).toBe("GET /x -> \u001b[31m503\u001b[0m in 1.0 ms");
  });
});

describe("invocationLines", () => {
  it("shows a direct invocation as one line with its outcome, then its log lines", () => {
    const direct = { ...coldQuote, request: undefined };
    expect(invocationLines(direct, plain)).toEqual([
      "INVOKE quote:dev -> answered in 10 ms (v1, cold start 38 ms)",
      "    METRIC Invocations=1 Errors=0 ColdStart=1 Duration=9.16",
    ]);
    expect(invocationLines({ ...direct, logs: [], error: "ForbiddenError" }, plain)).toEqual([
      "INVOKE quote:dev -> function error ForbiddenError in 10 ms (v1, cold start 38 ms)",
    ]);
  });

  it("names the API request an invocation was for, when it ends after the API answered", () => {
    expect(invocationLines({ ...coldQuote, logs: [] }, plain)[0]).toBe(
      "INVOKE quote:dev for GET /quote -> answered in 10 ms (v1, cold start 38 ms)",
    );
  });
});

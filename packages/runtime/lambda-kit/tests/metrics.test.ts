import type { Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../src/errors";
import type { jsonResponse } from "../src/http-response";
import { lambdaHandler } from "../src/lambda-handler";
import { createLogger } from "../src/logger";
import { invocationMetricsLine, qualifierOf } from "../src/metrics";
import postEvent from "./fixtures/http-post-event.json";
import { applicationLogProblems, emfProblems } from "./formats/format-validators";

const TRACE = "Root=1-5e1b4151-5ac6c58f5b1d6e6d4d6a4f1e;Parent=53995c3f42cd8ad8;Sampled=1";

const contextFor = (requestId: string, qualifier?: string) =>
  ({
    awsRequestId: requestId,
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:holonet-test${qualifier ? `:${qualifier}` : ""}`,
  }) as Context;

function setup(answer: () => Promise<unknown>) {
  const metrics: string[] = [];
  const logs: string[] = [];
  const handler = lambdaHandler({
    logger: createLogger({ service: "test", write: (line) => logs.push(line) }),
    direct: answer,
    http: async () => (await answer()) as ReturnType<typeof jsonResponse>,
    environment: () => ({ _X_AMZN_TRACE_ID: TRACE }),
    writeMetrics: (line) => metrics.push(line),
  });
  return { handler, metrics, logs };
}

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("the metrics line every invocation ends with", () => {
  it("is an Embedded Metric Format document, as CloudWatch's specification defines it", () => {
    const line = invocationMetricsLine({
      service: "quote",
      qualifier: "dev",
      failed: false,
      coldStart: true,
      durationMs: 12.3456,
      timestamp: 1_764_000_000_000,
      properties: { requestId: "r-1" },
    });
    expect(emfProblems(line)).toEqual([]);
    expect(JSON.parse(line)).toMatchObject({
      service: "quote",
      qualifier: "dev",
      Invocations: 1,
      Errors: 0,
      ColdStart: 1,
      Duration: 12.35,
      requestId: "r-1",
    });
  });

  it("fails the check when a metric it names is missing, so the check can fail", () => {
    const line = JSON.parse(
      invocationMetricsLine({
        service: "quote",
        qualifier: "dev",
        failed: false,
        coldStart: false,
        durationMs: 1,
        timestamp: 1,
      }),
    ) as Record<string, unknown>;
    delete line.Duration;
    delete line.qualifier;
    expect(emfProblems(JSON.stringify(line))).toEqual([
      "dimension qualifier is not a string member",
      "metric Duration is not a number",
    ]);
    expect(emfProblems(JSON.stringify({ _aws: { CloudWatchMetrics: [] } }))).not.toEqual([]);
  });

  it("counts the cold start once, names the alias invoked and carries the request and trace ids", async () => {
    const { handler, metrics } = setup(async () => ({ ok: true }));
    await handler({}, contextFor("r-1", "dev"));
    await handler({}, contextFor("r-2"));
    const [first, second] = parsed(metrics);
    expect(metrics.every((line) => emfProblems(line).length === 0)).toBe(true);
    expect(first).toMatchObject({
      service: "test",
      qualifier: "dev",
      Invocations: 1,
      Errors: 0,
      ColdStart: 1,
      requestId: "r-1",
      xRayTraceId: "1-5e1b4151-5ac6c58f5b1d6e6d4d6a4f1e",
    });
    expect(second).toMatchObject({ qualifier: "$LATEST", ColdStart: 0, requestId: "r-2" });
    expect(first?.Duration).toBeTypeOf("number");
  });

  it("counts an error for a thrown direct invocation and for a 5xx answer, not for a 4xx", async () => {
    const thrown = setup(async () => {
      throw new Error("boom");
    });
    await expect(thrown.handler({}, contextFor("r-1"))).rejects.toThrow("boom");
    await thrown.handler(postEvent, contextFor("r-2"));
    const refused = setup(async () => {
      throw new ForbiddenError("Sorry you can't get a quote");
    });
    await refused.handler(postEvent, contextFor("r-3"));

    expect(parsed(thrown.metrics).map((each) => each.Errors)).toEqual([1, 1]);
    expect(parsed(refused.metrics).map((each) => each.Errors)).toEqual([0]);
  });
});

describe("the application log lines", () => {
  it("carry the fields of Lambda's JSON log format and Holonet's own", async () => {
    const { handler, logs } = setup(async () => {
      throw new Error("boom");
    });
    await handler(postEvent, contextFor("r-1", "dev"));
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) expect(applicationLogProblems(line)).toEqual([]);
    expect(JSON.parse(logs[0] as string)).toMatchObject({
      level: "ERROR",
      requestId: "r-1",
      coldStart: true,
    });
  });

  it("fails the check for a line without a request id, so the check can fail", () => {
    const line = JSON.stringify({
      timestamp: new Date().toISOString(),
      level: "INFO",
      message: "m",
      service: "s",
    });
    expect(applicationLogProblems(line)).not.toEqual([]);
  });
});

describe("qualifierOf", () => {
  it("reads the alias or version from an invoked ARN, and $LATEST from an unqualified one", () => {
    expect(qualifierOf("arn:aws:lambda:us-east-1:1:function:f:prod")).toBe("prod");
    expect(qualifierOf("arn:aws:lambda:us-east-1:1:function:f:7")).toBe("7");
    expect(qualifierOf("arn:aws:lambda:us-east-1:1:function:f")).toBe("$LATEST");
    expect(qualifierOf(undefined)).toBe("$LATEST");
  });
});

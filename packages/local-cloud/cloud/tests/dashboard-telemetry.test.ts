import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  FunctionInfo,
  InvocationDetail,
  InvocationSummary,
  MetricsSnapshot,
} from "@holonet/local-dashboard/dashboard-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { FREE_PORTS, type LocalCloud, localClientConfig, startLocalCloud } from "../src/local-cloud";

// The real local cloud and a known burst of requests; the dashboard's numbers must add up to it exactly.
const root = path.resolve(import.meta.dirname, "../../../..");
let dataDir: string;
let cloud: LocalCloud;
let lambda: LambdaClient;

const BURST = { jedi: 12, notJedi: 5, saves: 3, reads: 3, badIds: 2, direct: 2 };
const TRACE = "Root=1-5e1b4151-5ac6c58f5b1d6e6d4d6a4f1e;Sampled=1";

const dashboard = async <T>(schema: z.ZodType<T>, route: string): Promise<T> => {
  const response = await fetch(`${cloud.dashboard}api/${route}`);
  expect(response.status).toBe(200);
  return schema.parse(await response.json());
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "holonet-dashboard-"));
  cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS });
  lambda = new LambdaClient(localClientConfig(cloud.lambda, cloud.credentials));
  // Sequential, so that the counts are exact and nothing is throttled.
  for (let i = 0; i < BURST.jedi; i += 1)
    expect((await fetch(`${cloud.api}/quote?isJedi=true`)).status).toBe(200);
  for (let i = 0; i < BURST.notJedi; i += 1) expect((await fetch(`${cloud.api}/quote`)).status).toBe(403);
  const ids: string[] = [];
  for (let i = 0; i < BURST.saves; i += 1) {
    const saved = await fetch(`${cloud.api}/quotes`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-amzn-trace-id": i === 0 ? TRACE : "" },
      body: JSON.stringify({ quote: `Quote ${i}` }),
    });
    expect(saved.status).toBe(201);
    ids.push(((await saved.json()) as { id: string }).id);
  }
  for (const id of ids) expect((await fetch(`${cloud.api}/quotes/${id}`)).status).toBe(200);
  for (let i = 0; i < BURST.badIds; i += 1)
    expect((await fetch(`${cloud.api}/quotes/not-an-id`)).status).toBe(400);
  for (let i = 0; i < BURST.direct; i += 1) {
    const output = await lambda.send(
      new InvokeCommand({ FunctionName: "holonet-quote", Qualifier: "1", Payload: '{"isJedi":true}' }),
    );
    expect(output.FunctionError).toBeUndefined();
  }
}, 120_000);

afterAll(async () => {
  lambda?.destroy();
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const apiRequests = BURST.jedi + BURST.notJedi + BURST.saves + BURST.reads + BURST.badIds;

describe("the dashboard's numbers after a known burst", () => {
  it("count every API request and function invocation, per function and per alias or version", async () => {
    const metrics = await dashboard(MetricsSnapshot, "metrics");
    expect(metrics.api).toMatchObject({
      requests: apiRequests,
      status4xx: BURST.notJedi + BURST.badIds,
      status5xx: 0,
    });
    expect(metrics.api.latencyMs.p50).toBeGreaterThan(0);
    expect(metrics.series.requests.reduce((a, b) => a + b, 0)).toBe(apiRequests);

    const byName = Object.fromEntries(metrics.functions.map((each) => [each.functionName, each]));
    const quote = byName["holonet-quote"];
    expect(quote?.total).toMatchObject({
      invocations: BURST.jedi + BURST.notJedi + BURST.direct,
      errors: 0,
      throttles: 0,
      concurrentExecutions: 0,
    });
    expect(quote?.byQualifier.dev?.invocations).toBe(BURST.jedi + BURST.notJedi);
    expect(quote?.byQualifier["1"]?.invocations).toBe(BURST.direct);
    // Version 1 and alias dev run the same code, but each qualifier's first call took a new instance.
    expect(quote?.total.coldStarts).toBeGreaterThanOrEqual(1);
    expect(quote?.total.maxConcurrentExecutions).toBe(1);
    expect(quote?.total.durationMs.p99).toBeGreaterThan(0);
    expect(byName["holonet-store-save"]?.total).toMatchObject({ invocations: BURST.saves, errors: 0 });
    // The bad ids are refused by the function with 400: invocations, not errors.
    expect(byName["holonet-store-get"]?.total).toMatchObject({
      invocations: BURST.reads + BURST.badIds,
      errors: 0,
    });
    const coldStarts = metrics.functions.reduce((sum, each) => sum + each.total.coldStarts, 0);
    expect(metrics.series.coldStarts.reduce((a, b) => a + b, 0)).toBe(coldStarts);
  });

  it("lists the recent invocations newest first, each with its API request and trace", async () => {
    const recent = await dashboard(z.array(InvocationSummary), "invocations?limit=200");
    expect(recent).toHaveLength(apiRequests + BURST.direct);
    expect(recent[0]).toMatchObject({ functionName: "holonet-quote", qualifier: "1" });
    expect(recent[0]?.apiRequestId).toBeUndefined();
    const viaApi = recent.filter((each) => each.apiRequestId !== undefined);
    expect(viaApi).toHaveLength(apiRequests);
    expect(viaApi.every((each) => /^1-[0-9a-f]{8}-[0-9a-f]{24}$/.test(each.traceId ?? ""))).toBe(true);
    expect(new Set(viaApi.map((each) => each.traceId)).size).toBe(apiRequests);
  });

  it("opens a save to its event, result, logs and a trace from the API through the handler to S3", async () => {
    const recent = await dashboard(z.array(InvocationSummary), "invocations?limit=200");
    const traced = recent.find((each) => each.traceId === "1-5e1b4151-5ac6c58f5b1d6e6d4d6a4f1e");
    expect(traced).toMatchObject({ functionName: "holonet-store-save", route: "POST /quotes", status: 201 });
    const detail = await dashboard(InvocationDetail, `invocations/${traced?.requestId}`);

    expect(detail.event).toMatchObject({ routeKey: "POST /quotes", body: '{"quote":"Quote 0"}' });
    expect(detail.result).toMatchObject({ statusCode: 201 });
    // A cold start's lines open with Lambda's INIT_START, then START.
    expect(detail.logs.find((line) => !line.startsWith("INIT_START "))).toBe(
      `START RequestId: ${detail.requestId} Version: 1`,
    );
    const quoteSaved = detail.logs.find((line) => line.includes('"Quote saved"'));
    expect(JSON.parse(quoteSaved ?? "{}")).toMatchObject({
      requestId: detail.requestId,
      xRayTraceId: "1-5e1b4151-5ac6c58f5b1d6e6d4d6a4f1e",
    });
    expect(detail.spans.map((span) => span.hop)).toEqual(["gateway", "lambda", "init", "handler", "s3"]);
    const [gateway, execution, , handler, s3] = detail.spans;
    expect(s3?.name).toBe("S3 PutObject");
    // Each hop lies within the one that called it (1 ms of slack: log lines carry millisecond times).
    const end = (span: typeof gateway) => (span?.startOffsetMs ?? 0) + (span?.durationMs ?? 0);
    expect(execution?.startOffsetMs).toBeGreaterThanOrEqual(0);
    expect(end(execution)).toBeLessThanOrEqual(end(gateway) + 1);
    expect(handler?.startOffsetMs).toBeGreaterThanOrEqual(execution?.startOffsetMs ?? 0);
    expect(s3?.startOffsetMs).toBeGreaterThanOrEqual((handler?.startOffsetMs ?? 0) - 1);
    expect(end(s3)).toBeLessThanOrEqual(end(handler) + 1);
  });

  it("answers 404 for an invocation it does not hold", async () => {
    const response = await fetch(`${cloud.dashboard}api/invocations/no-such-request`);
    expect(response.status).toBe(404);
  });

  it("shows each function's versions and aliases, read through the Lambda API", async () => {
    const functions = await dashboard(z.array(FunctionInfo), "functions");
    expect(functions.map((each) => each.functionName).sort()).toEqual([
      "holonet-quote",
      "holonet-store-get",
      "holonet-store-save",
    ]);
    for (const fn of functions) {
      expect(fn.versions.map((each) => each.version)).toEqual(["$LATEST", "1"]);
      expect(fn.aliases).toEqual([{ name: "dev", functionVersion: "1" }]);
    }
  });
});

import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { PutFunctionConcurrencyCommand } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, zipFixture } from "./service-harness";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
  await harness.create("echo", zipFixture("echo"));
  await harness.create("broken", zipFixture("misbehaving"), { Handler: "handlers.throws" });
  await harness.create("parked", zipFixture("echo"));
  await harness.client.send(
    new PutFunctionConcurrencyCommand({ FunctionName: "parked", ReservedConcurrentExecutions: 0 }),
  );
});
afterAll(async () => {
  await harness.close();
});

const invoke = (functionName: string, payload = "{}", qualifier?: string) =>
  harness.service.invokeForIntegration({
    functionName,
    ...(qualifier !== undefined && { qualifier }),
    payload: Buffer.from(payload),
    traceHeader: "Root=1-00000000-000000000000000000000000",
  });

describe("invokeForIntegration: what became of an invocation, never a thrown refusal", () => {
  it("answers the function's result", async () => {
    const outcome = await invoke("echo", '{"n":1}');
    expect(outcome.kind).toBe("answered");
    const payload = outcome.kind === "answered" ? JSON.parse(outcome.payload.toString("utf8")) : undefined;
    expect(payload).toMatchObject({ event: { n: 1 } });
  });

  it("answers a function error with Lambda's error payload", async () => {
    const outcome = await invoke("broken");
    expect(outcome.kind).toBe("function-error");
    const payload = outcome.kind === "function-error" ? JSON.parse(outcome.payload.toString("utf8")) : {};
    expect(payload).toHaveProperty("errorType");
  });

  it("answers a throttle with Lambda's reason", async () => {
    expect(await invoke("parked")).toEqual({
      kind: "throttled",
      reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
    });
  });

  it("answers the Lambda API's other refusals with their error type", async () => {
    expect(await invoke("echo", "{}", "dev")).toEqual({
      kind: "refused",
      errorType: "ResourceNotFoundException",
    });
    expect(await invoke("echo", " ".repeat(6_291_457))).toEqual({
      kind: "refused",
      errorType: "RequestEntityTooLargeException",
    });
  });
});

describe("an event its caller serialised itself", () => {
  it("reaches the function as JSON.parse of its text, and the service's record holds its value", async () => {
    const value = { n: 2, nested: { list: [1, "two"] } };
    const outcome = await harness.service.invokeForIntegration({
      functionName: "echo",
      payload: { json: JSON.stringify(value), value },
      traceHeader: "Root=1-00000000-000000000000000000000001",
    });

    const answered = outcome.kind === "answered" ? JSON.parse(outcome.payload.toString("utf8")) : undefined;
    expect(answered).toMatchObject({ event: value });
    expect(harness.invocations.at(-1)?.event).toBe(value);
    expect(harness.invocations.at(-1)?.result).toEqual(answered);
  });

  it("is refused past Lambda's payload limit by its size in bytes, as the Invoke API's body is", async () => {
    const json = JSON.stringify({ text: "é".repeat(3_200_000) });
    const outcome = await harness.service.invokeForIntegration({
      functionName: "echo",
      payload: { json, value: undefined },
      traceHeader: "Root=1-00000000-000000000000000000000002",
    });

    expect(outcome).toEqual({ kind: "refused", errorType: "RequestEntityTooLargeException" });
  });
});

describe("Node's module compile cache", () => {
  it("is kept per runtime in the service's data folder", async () => {
    const files = readdirSync(path.join(harness.dataDir, "compile-cache"));
    expect(files.every((name) => /^nodejs\d+\.x$/.test(name))).toBe(true);
    expect(files.length).toBeGreaterThan(0);
  });

  it("is not kept when the service is told not to", async () => {
    const plain = await startHarness({ compileCache: false });
    try {
      await plain.create("echo", zipFixture("echo"));
      await plain.service.invokeForIntegration({ functionName: "echo", payload: Buffer.from("{}") });
      expect(existsSync(path.join(plain.dataDir, "compile-cache"))).toBe(false);
    } finally {
      await plain.close();
    }
  });
});

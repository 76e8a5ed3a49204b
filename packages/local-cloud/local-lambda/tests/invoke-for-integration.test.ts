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

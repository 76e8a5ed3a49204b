import { InvokeCommand } from "@aws-sdk/client-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { EVENT_ERROR_RETRY_DELAYS_MS } from "../src/invoke-function";
import { type Harness, startHarness, zipFixture } from "./service-harness";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls (bounded) until the condition holds. */
async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (condition()) return;
    await sleep(25);
  }
  throw new Error("The condition did not hold in time.");
}

const invokeEvent = (h: Harness, functionName: string) =>
  h.client.send(new InvokeCommand({ FunctionName: functionName, InvocationType: "Event", Payload: "{}" }));

// "If the function returns an error, by default Lambda attempts to run it two more times, with a one-minute
// wait between the first two attempts, and two minutes between the second and third attempts"
// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
describe("Event invocations that fail", () => {
  it("waits Lambda's one and then two minutes before its two retries, by default", () => {
    expect(EVENT_ERROR_RETRY_DELAYS_MS).toEqual([60_000, 120_000]);
  });

  it("runs a failing function three times in all, after each retry delay, and then no more", async () => {
    harness = await startHarness({ eventRetryDelaysMs: [200, 400] });
    const h = harness;
    await h.create("broken", zipFixture("misbehaving"), { Handler: "handlers.throws" });
    const runs = () => h.invocations.filter((record) => record.functionName === "broken");

    expect((await invokeEvent(h, "broken")).StatusCode).toBe(202);
    await eventually(() => runs().length === 3);
    // Nothing more comes once the retries are spent: a fourth run would have had ample time.
    await sleep(1000);
    const [first, second, third] = runs();
    expect(runs()).toHaveLength(3);
    expect(runs().every((record) => record.error === "TypeError")).toBe(true);
    const endOf = (record: typeof first) => (record?.startedAt ?? 0) + (record?.durationMs ?? 0);
    expect((second?.startedAt ?? 0) - endOf(first)).toBeGreaterThanOrEqual(190);
    expect((third?.startedAt ?? 0) - endOf(second)).toBeGreaterThanOrEqual(390);
  });

  it("does not retry an invocation that succeeded", async () => {
    harness = await startHarness({ eventRetryDelaysMs: [50, 50] });
    const h = harness;
    await h.create("fine", zipFixture("misbehaving"), { Handler: "handlers.ok" });
    await invokeEvent(h, "fine");
    await eventually(() => h.invocations.length === 1);
    await sleep(500);
    expect(h.invocations).toHaveLength(1);
    expect(h.invocations[0]?.error).toBeUndefined();
  });

  it("retries a timeout, a function error of the runtime's", async () => {
    harness = await startHarness({ eventRetryDelaysMs: [50] });
    const h = harness;
    await h.create("slow", zipFixture("misbehaving"), { Handler: "handlers.hang", Timeout: 1 });
    await invokeEvent(h, "slow");
    await eventually(() => h.invocations.length === 2);
    expect(h.invocations.map((record) => record.error)).toEqual(["Sandbox.Timedout", "Sandbox.Timedout"]);
  });

  it("does not hold close() up while a retry minutes away waits", async () => {
    harness = await startHarness();
    const h = harness;
    await h.create("broken", zipFixture("misbehaving"), { Handler: "handlers.throws" });
    await invokeEvent(h, "broken");
    await eventually(() => h.invocations.length === 1);
    const started = Date.now();
    await h.close();
    harness = undefined;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(h.invocations).toHaveLength(1);
  });
});

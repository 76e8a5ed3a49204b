import { freePort, inspectorTargets } from "@holonet/test-kit/inspector";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startBusyInvocation, startHarness, zipFixture } from "./service-harness";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("debugging one function", () => {
  it("opens the inspector in the function's instance, and runs one instance at a time", async () => {
    const port = await freePort();
    harness = await startHarness({ inspect: { functionName: "echo", port } });
    const h = harness;
    await h.create("echo", zipFixture("echo"), { Timeout: 10 });

    const busy = await startBusyInvocation(h, "echo");
    expect(await inspectorTargets(port)).toEqual([expect.objectContaining({ type: "node" })]);
    await expect(
      h.service.invoke({ functionName: "echo", payload: Buffer.from("{}") }),
    ).rejects.toMatchObject({
      name: "TooManyRequestsException",
    });
    expect((await busy.done).StatusCode).toBe(200);
  });

  it("lets a paused function run past its timeout, so a breakpoint does not kill it", async () => {
    const port = await freePort();
    harness = await startHarness({ inspect: { functionName: "echo", port } });
    await harness.create("echo", zipFixture("echo"), { Timeout: 1 });
    const result = await harness.service.invoke({
      functionName: "echo",
      payload: Buffer.from('{"sleepMs":1500}'),
    });
    expect(result.functionError).toBeUndefined();
    expect(JSON.parse(result.payload.toString()).event).toEqual({ sleepMs: 1500 });
  });
});

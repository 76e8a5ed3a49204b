import {
  DeleteFunctionConcurrencyCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  InvokeCommand,
  PutFunctionConcurrencyCommand,
  TooManyRequestsException,
} from "@aws-sdk/client-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, payloadOf, startBusyInvocation, startHarness, zipFixture } from "./service-harness";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const SLOW = { Timeout: 10 };

describe("concurrency limits", () => {
  it("throttles beyond a function's reserved concurrency while its instances are busy", async () => {
    harness = await startHarness();
    const h = harness;
    await h.create("echo", zipFixture("echo"), SLOW);
    const put = await h.client.send(
      new PutFunctionConcurrencyCommand({ FunctionName: "echo", ReservedConcurrentExecutions: 1 }),
    );
    expect(put.ReservedConcurrentExecutions).toBe(1);
    expect(await h.client.send(new GetFunctionConcurrencyCommand({ FunctionName: "echo" }))).toMatchObject({
      ReservedConcurrentExecutions: 1,
    });
    expect((await h.client.send(new GetFunctionCommand({ FunctionName: "echo" }))).Concurrency).toEqual({
      ReservedConcurrentExecutions: 1,
    });

    const busy = await startBusyInvocation(h, "echo");
    const throttled = await h.client
      .send(new InvokeCommand({ FunctionName: "echo", Payload: "{}" }))
      .catch((error: unknown) => error);
    expect(throttled).toBeInstanceOf(TooManyRequestsException);
    expect(h.throttles).toEqual([{ functionName: "echo", qualifier: "$LATEST" }]);
    expect(throttled).toMatchObject({
      Reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
      message: "Rate Exceeded.",
      $metadata: { httpStatusCode: 429 },
    });
    expect(payloadOf(await busy.done).event).toMatchObject({ sleepMs: 3000 });

    // Once the busy instance is free again, the function is served.
    expect((await h.client.send(new InvokeCommand({ FunctionName: "echo", Payload: "{}" }))).StatusCode).toBe(
      200,
    );
    await h.client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: "echo" }));
    expect(
      await h.client.send(new GetFunctionConcurrencyCommand({ FunctionName: "echo" })),
    ).not.toHaveProperty("ReservedConcurrentExecutions");
  });

  it("throttles beyond the account's limit, across functions", async () => {
    harness = await startHarness({ accountConcurrency: 1 });
    const h = harness;
    await h.create("one", zipFixture("echo"), SLOW);
    await h.create("two", zipFixture("echo"), SLOW);

    const busy = await startBusyInvocation(h, "one");
    await expect(h.service.invoke({ functionName: "two", payload: Buffer.from("{}") })).rejects.toMatchObject(
      {
        name: "TooManyRequestsException",
        status: 429,
        reason: "ConcurrentInvocationLimitExceeded",
        retryAfterSeconds: expect.any(Number),
      },
    );
    await busy.done;
    expect((await h.service.invoke({ functionName: "two", payload: Buffer.from("{}") })).statusCode).toBe(
      200,
    );
  });

  it("runs a function with no reservation on as many instances as it has parallel invocations", async () => {
    harness = await startHarness();
    const h = harness;
    await h.create("echo", zipFixture("echo"), SLOW);
    // Each invocation stays busy long enough for the others to arrive, even on a loaded machine.
    const busy = (name: string) =>
      h.client.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ sleepMs: 4000 }) }));
    const outputs = await Promise.all([busy("echo"), busy("echo"), busy("echo")]);
    expect(new Set(outputs.map((output) => payloadOf(output).pid)).size).toBe(3);
  });
});

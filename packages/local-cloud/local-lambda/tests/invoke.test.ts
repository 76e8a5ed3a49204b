import { InvokeCommand, LambdaServiceException } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, logsOf, payloadOf, seedZip, startHarness, zipFixture } from "./service-harness";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
  await harness.create("echo", zipFixture("echo"));
  await harness.create("seed", seedZip());
  await harness.create("broken", zipFixture("misbehaving"), { Handler: "handlers.throws", Timeout: 1 });
});
afterAll(async () => {
  await harness.close();
});

const invoke = (input: ConstructorParameters<typeof InvokeCommand>[0]) =>
  harness.client.send(new InvokeCommand(input));

/** Polls (bounded) until the condition holds; Event invocations finish in the background. */
async function eventually(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("The condition did not hold in time.");
}

describe("Invoke, RequestResponse", () => {
  it("answers the handler's result with the executed version", async () => {
    const output = await invoke({ FunctionName: "echo", Payload: JSON.stringify({ n: 1 }) });
    expect(output.StatusCode).toBe(200);
    expect(output.ExecutedVersion).toBe("$LATEST");
    expect(output.FunctionError).toBeUndefined();
    expect(payloadOf(output)).toMatchObject({ event: { n: 1 }, functionVersion: "$LATEST" });
  });

  it("hands the caller's X-Amzn-Trace-Id to the function and records the execution for observers", async () => {
    const traceHeader = "Root=1-5e1b4151-5ac6c58f5b1d6e6d4d6a4f1e;Parent=53995c3f42cd8ad8;Sampled=1";
    const traced = await harness.create("traced", zipFixture("echo"));
    expect(traced.FunctionName).toBe("traced");
    // The SDK sends this header itself when it runs inside a traced function; here a middleware stands in.
    harness.client.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers["X-Amzn-Trace-Id"] = traceHeader;
        return next(args);
      },
      { step: "build", name: "testTraceHeader" },
    );
    try {
      const output = await invoke({ FunctionName: "traced", Payload: JSON.stringify({ n: 7 }) });
      expect(payloadOf(output).traceHeader).toBe(traceHeader);
    } finally {
      harness.client.middlewareStack.remove("testTraceHeader");
    }
    const untraced = await invoke({ FunctionName: "traced", Payload: "{}" });
    expect(payloadOf(untraced).traceHeader).toBeNull();

    const records = harness.invocations.filter((each) => each.functionName === "traced");
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      qualifier: "$LATEST",
      version: "$LATEST",
      traceHeader,
      event: { n: 7 },
      result: { event: { n: 7 }, traceHeader },
    });
    expect(records[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(records[0]?.startedAt).toBeGreaterThan(Date.now() - 60_000);
    expect(records[1]?.traceHeader).toBeUndefined();
    expect(harness.started.filter((each) => each.functionName === "traced")).toHaveLength(2);
  });

  it("runs the seed's callback-style CommonJS handler with its node_modules", async () => {
    const jedi = await invoke({ FunctionName: "seed", Payload: JSON.stringify({ isJedi: true }) });
    expect(new TextDecoder().decode(jedi.Payload)).toBe('"Luke, I am your father."');
    const sith = await invoke({ FunctionName: "seed", Payload: JSON.stringify({ isJedi: false }) });
    expect(sith.FunctionError).toBe("Unhandled");
    expect(payloadOf(sith)).toEqual({
      errorType: "string",
      errorMessage: "Sorry you can't get a quote",
      trace: [],
    });
  });

  it("keeps an instance warm: the second invocation pays no init and reuses the process", async () => {
    await harness.create("warm", zipFixture("echo"));
    const cold = await invoke({ FunctionName: "warm", Payload: "{}", LogType: "Tail" });
    const warm = await invoke({ FunctionName: "warm", Payload: "{}", LogType: "Tail" });

    expect(logsOf(cold)).toMatch(/\tInit Duration: \d+\.\d\d ms/);
    expect(logsOf(warm)).not.toContain("Init Duration");
    expect(payloadOf(warm)).toMatchObject({ invocations: 2, pid: payloadOf(cold).pid });
    expect(
      harness.invocations.filter((each) => each.functionName === "warm").map((each) => each.coldStart),
    ).toEqual([true, false]);
  });

  it("returns the last 4 KB of the logs with LogType Tail, with Lambda's START, END and REPORT lines", async () => {
    const output = await invoke({ FunctionName: "echo", Payload: JSON.stringify({ n: 2 }), LogType: "Tail" });
    const lines = logsOf(output).trimEnd().split("\n");
    const requestId = /^START RequestId: (\S+) Version: \$LATEST$/.exec(lines[0] ?? "")?.[1];

    expect(requestId).toBeDefined();
    expect(lines.slice(1, -2).every((line) => line.includes(`\t${requestId}\t`))).toBe(true);
    expect(lines.at(-2)).toBe(`END RequestId: ${requestId}`);
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^REPORT RequestId: ${requestId}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB`,
      ),
    );
    expect(harness.logs.filter((entry) => entry.requestId === requestId).map((entry) => entry.text)).toEqual(
      lines,
    );
  });

  it("reports a thrown error as an Unhandled function error with Lambda's payload", async () => {
    const output = await invoke({ FunctionName: "broken", Payload: "{}" });
    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBe("Unhandled");
    expect(payloadOf(output)).toMatchObject({ errorType: "TypeError", errorMessage: "bad thing" });
  });

  it("ends a function at its timeout with Lambda's message, and the next invocation is served", async () => {
    await harness.create("hangs", zipFixture("misbehaving"), { Handler: "handlers.hang", Timeout: 1 });
    const output = await invoke({ FunctionName: "hangs", Payload: "{}", LogType: "Tail" });
    const requestId = /RequestId: (\S+)/.exec(logsOf(output))?.[1];

    expect(output.FunctionError).toBe("Unhandled");
    expect(payloadOf(output)).toEqual({
      errorType: "Sandbox.Timedout",
      errorMessage: `RequestId: ${requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(logsOf(output)).toMatch(/\tStatus: timeout\n$/);
    const again = await invoke({ FunctionName: "hangs", Payload: "{}" });
    expect(payloadOf(again).errorType).toBe("Sandbox.Timedout");
  });

  it("reports a process exit as Runtime.ExitError and replaces the instance", async () => {
    await harness.create("exits", zipFixture("misbehaving"), { Handler: "handlers.exit" });
    const output = await invoke({ FunctionName: "exits", Payload: "{}" });
    expect(payloadOf(output)).toMatchObject({
      errorType: "Runtime.ExitError",
      errorMessage: expect.stringMatching(/Runtime exited with error: exit status 3$/),
    });
    const records = harness.invocations.filter((each) => each.functionName === "exits");
    expect(records).toMatchObject([{ coldStart: true, error: "Runtime.ExitError" }]);
  });

  it("names the function by full ARN, partial ARN or name:qualifier", async () => {
    for (const name of [
      "arn:aws:lambda:us-east-1:000000000000:function:echo",
      "000000000000:function:echo",
      "echo:$LATEST",
    ]) {
      expect((await invoke({ FunctionName: name, Payload: "{}" })).StatusCode).toBe(200);
    }
  });

  it("refuses a payload over 6 MB with 413 and a payload that is not JSON with 400", async () => {
    const big = await invoke({ FunctionName: "echo", Payload: new Uint8Array(6_291_457).fill(32) }).catch(
      (error: unknown) => error,
    );
    expect(big).toBeInstanceOf(LambdaServiceException);
    expect(big).toMatchObject({ name: "RequestEntityTooLargeException", $metadata: { httpStatusCode: 413 } });
    const garbled = await invoke({ FunctionName: "echo", Payload: "{not json" }).catch(
      (error: unknown) => error,
    );
    expect(garbled).toMatchObject({
      name: "InvalidRequestContentException",
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe("Invoke, Event and DryRun", () => {
  it("accepts an Event invocation with 202 and runs it in the background", async () => {
    const output = await invoke({
      FunctionName: "echo",
      InvocationType: "Event",
      Payload: JSON.stringify({ tag: "bg" }),
    });
    expect(output.StatusCode).toBe(202);
    await eventually(() => harness.logs.some((entry) => entry.text.includes('echoing {"tag":"bg"}')));
  });

  it("answers a DryRun with 204 and runs nothing", async () => {
    const before = harness.invocations.length;
    const output = await invoke({ FunctionName: "echo", InvocationType: "DryRun" });
    expect(output.StatusCode).toBe(204);
    expect(harness.invocations.length).toBe(before);
  });

  it("invokes through the service's own API as over HTTP", async () => {
    const result = await harness.service.invoke({
      functionName: "echo",
      payload: Buffer.from('{"direct":true}'),
    });
    expect(result).toMatchObject({ statusCode: 200, executedVersion: "$LATEST" });
    expect(JSON.parse(result.payload.toString("utf8")).event).toEqual({ direct: true });
    await expect(
      harness.service.invoke({ functionName: "ghost", payload: Buffer.alloc(0) }),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      status: 404,
    });
  });
});

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  InvalidRuntimeException,
  InvokeCommand,
  type Runtime,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { functionInput, type Harness, logsOf, payloadOf, startHarness, zipFixture } from "./service-harness";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const started = async () => {
  harness = await startHarness();
  return harness;
};

const invoke = (lambda: Harness, name: string) =>
  lambda.client.send(new InvokeCommand({ FunctionName: name, Payload: "{}", LogType: "Tail" }));

/**
 * AWS's words for a runtime it blocks, as its API answers today, e.g. "The runtime parameter of nodejs12.x is
 * no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime
 * while creating or updating functions." (https://github.com/monken/aws-ecr-public/issues/13,
 * https://github.com/awslabs/aws-api-gateway-developer-portal/issues/650); its older answers named a runtime
 * instead: "...We recommend you use the new runtime (nodejs18.x) while creating or updating functions."
 */
const blocked = (runtime: string) =>
  `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`;

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("each function runs on the Node.js major of its runtime, through the Lambda API", () => {
  it.each([
    ["nodejs22.x", "22"],
    ["nodejs24.x", "24"],
  ] as const)("runs a %s function on Node.js %s", async (runtime, major) => {
    const lambda = await started();
    await lambda.create("where", zipFixture("runtime-echo"), { Runtime: runtime });
    const output = await invoke(lambda, "where");
    expect(payloadOf(output)).toMatchObject({
      version: expect.stringMatching(new RegExp(`^v${major}\\.`)),
      executionEnv: `AWS_Lambda_${runtime}`,
    });
  });

  it("moves a function to the new Node.js at once when UpdateFunctionConfiguration changes its runtime", async () => {
    const lambda = await started();
    await lambda.create("moving", zipFixture("runtime-echo"), { Runtime: "nodejs22.x" });
    const before = payloadOf(await invoke(lambda, "moving"));
    await lambda.client.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: "moving", Runtime: "nodejs24.x" }),
    );
    await waitUntilFunctionUpdatedV2(
      { client: lambda.client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
      { FunctionName: "moving" },
    );
    const after = await invoke(lambda, "moving");

    expect(before.version).toMatch(/^v22\./);
    expect(payloadOf(after)).toMatchObject({ version: expect.stringMatching(/^v24\./) });
    expect(payloadOf(after).pid).not.toBe(before.pid);
    // A new instance, so a cold start: Lambda logs the init of each new execution environment.
    expect(logsOf(after)).toMatch(/^INIT_START Runtime Version: nodejs:24\.v24\.\S+\tRuntime Version ARN: /);
  });

  it("writes INIT_START before a cold start's START, and not before a warm one's", async () => {
    const lambda = await started();
    await lambda.create("lines", zipFixture("runtime-echo"), { Runtime: "nodejs24.x" });
    const cold = logsOf(await invoke(lambda, "lines")).split("\n");
    const warm = logsOf(await invoke(lambda, "lines")).split("\n");

    // "INIT_START Runtime Version: python:3.13.v14    Runtime Version ARN: arn:aws:lambda:eu-south-1::runtime:7b620f..."
    // is emitted once per execution environment, at its init
    // (https://docs.aws.amazon.com/lambda/latest/dg/runtime-management-identify.html).
    expect(cold[0]).toMatch(
      /^INIT_START Runtime Version: nodejs:24\.v[\d.]+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/,
    );
    expect(cold[1]).toMatch(/^START RequestId: \S+ Version: \$LATEST$/);
    expect(warm[0]).toMatch(/^START RequestId: /);
    expect(lambda.logs.filter((entry) => entry.text.startsWith("INIT_START"))).toHaveLength(1);
  });

  it("reports the memory used by an invocation that timed out, as Lambda's REPORT line does", async () => {
    const lambda = await started();
    await lambda.create("slow", zipFixture("echo"), { Runtime: "nodejs24.x", Timeout: 1 });
    // "REPORT RequestId: 13222b1e-...\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 1024 MB\t
    // Max Memory Used: 64 MB\tStatus: timeout", from AWS ("Avoiding the Lambda Doom Loop", aaronstuyvenberg.com).
    const output = await lambda.client.send(
      new InvokeCommand({
        FunctionName: "slow",
        Payload: JSON.stringify({ sleepMs: 5000 }),
        LogType: "Tail",
      }),
    );
    expect(payloadOf(output).errorType).toBe("Sandbox.Timedout");
    expect(logsOf(output)).toMatch(
      /\tDuration: 1000\.00 ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t.*Status: timeout\n$/,
    );
  });
});

describe("runtimes Lambda blocks, and runtimes this machine cannot run, are refused as Lambda refuses them", () => {
  // AWS blocks creating and updating functions on nodejs20.x and every older Node.js runtime
  // (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html).
  it.each(["nodejs20.x", "nodejs18.x", "nodejs16.x", "nodejs8.10", "nodejs4.3-edge", "nodejs"])(
    "refuses to create a %s function, in Lambda's words",
    async (runtime) => {
      const lambda = await started();
      const error = await refusal(
        lambda.client.send(
          new CreateFunctionCommand(
            functionInput("old", zipFixture("runtime-echo"), { Runtime: runtime as Runtime }),
          ),
        ),
      );
      expect(error).toBeInstanceOf(InvalidParameterValueException);
      expect((error as Error).message).toBe(blocked(runtime));
      expect(
        await refusal(lambda.client.send(new GetFunctionConfigurationCommand({ FunctionName: "old" }))),
      ).toMatchObject({ name: "ResourceNotFoundException" });
    },
  );

  it.each([
    [
      "python3.13",
      "python3.13 is not a Node.js runtime: the local Lambda runtime runs nodejs22.x and nodejs24.x only.",
    ],
    [
      "nodejs26.x",
      "No Node.js 26 build is pinned for nodejs26.x: @holonet/node-builds pins builds for nodejs22.x and nodejs24.x only.",
    ],
  ])("refuses %s, which this machine cannot run, saying why", async (runtime, message) => {
    const lambda = await started();
    const error = await refusal(
      lambda.create("other", zipFixture("runtime-echo"), { Runtime: runtime as Runtime }),
    );
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect((error as Error).message).toBe(message);
  });

  it("refuses to move a function to a blocked runtime, and the function keeps its own", async () => {
    const lambda = await started();
    await lambda.create("stays", zipFixture("runtime-echo"), { Runtime: "nodejs24.x" });
    const error = await refusal(
      lambda.client.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: "stays", Runtime: "nodejs20.x" }),
      ),
    );
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect((error as Error).message).toBe(blocked("nodejs20.x"));
    const config = await lambda.client.send(new GetFunctionConfigurationCommand({ FunctionName: "stays" }));
    expect(config.Runtime).toBe("nodejs24.x");
  });

  it("keeps a function stored on a blocked runtime from running or changing until its runtime moves", async () => {
    const first = await started();
    await first.create("legacy", zipFixture("runtime-echo"), { Runtime: "nodejs22.x" });
    await first.close(true);
    harness = undefined;
    // A function created before AWS blocked its runtime: the stored record says nodejs20.x.
    const record = path.join(first.dataDir, "functions", "legacy", "function.json");
    const stored = JSON.parse(readFileSync(record, "utf8"));
    stored.latest.settings.runtime = "nodejs20.x";
    writeFileSync(record, JSON.stringify(stored));
    harness = await startHarness({ dataDir: first.dataDir });
    const lambda = harness;

    // AWS's Invoke throws InvalidRuntimeException (502) for a runtime it no longer runs
    // (https://github.com/aws/aws-sdk-php/releases/tag/3.30.2); here no Node.js 20 build is pinned.
    const invoked = await refusal(invoke(lambda, "legacy"));
    expect(invoked).toBeInstanceOf(InvalidRuntimeException);
    expect((invoked as Error).message).toBe(
      "The runtime or runtime version specified is not supported. No Node.js 20 build is pinned for nodejs20.x: @holonet/node-builds pins builds for nodejs22.x and nodejs24.x only.",
    );
    // Lambda refuses a new package for it, and any configuration that keeps the runtime
    // (https://github.com/motdotla/node-lambda/pull/526: UpdateFunctionCode of a nodejs8.10 function).
    const code = await refusal(
      lambda.client.send(
        new UpdateFunctionCodeCommand({ FunctionName: "legacy", ZipFile: zipFixture("runtime-echo") }),
      ),
    );
    const timeout = await refusal(
      lambda.client.send(new UpdateFunctionConfigurationCommand({ FunctionName: "legacy", Timeout: 5 })),
    );
    for (const error of [code, timeout]) {
      expect(error).toBeInstanceOf(InvalidParameterValueException);
      expect((error as Error).message).toBe(blocked("nodejs20.x"));
    }
    await lambda.client.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: "legacy", Runtime: "nodejs24.x" }),
    );
    expect(payloadOf(await invoke(lambda, "legacy")).version).toMatch(/^v24\./);
  });
});

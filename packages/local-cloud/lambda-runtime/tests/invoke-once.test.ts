import path from "node:path";
import { describe, expect, it } from "vitest";
import { type BundleFunction, invokeOnce } from "../src/invoke-once";
import { reportLines } from "../src/report-lines";
import { functionWithDependency } from "./function-with-dependency";

const fixture = (name: string, handler: string, overrides: Partial<BundleFunction> = {}): BundleFunction => ({
  functionName: `test-${name}`,
  functionVersion: "$LATEST",
  runtime: "nodejs22.x",
  memoryMb: 128,
  region: "us-east-1",
  taskRoot: path.join(import.meta.dirname, "fixtures", name),
  handler,
  timeoutSeconds: 3,
  environment: {},
  ...overrides,
});

describe("invokeOnce runs a function package as Lambda's Node.js runtime does", () => {
  it("runs the architecture's original callback-style CommonJS handler unchanged", async () => {
    const fn = fixture("seed-callback", "index.handler");
    expect((await invokeOnce(fn, { isJedi: true })).payload).toBe("Luke, I am your father.");
    expect((await invokeOnce(fn, { isJedi: false })).error).toEqual({
      errorType: "string",
      errorMessage: "Sorry you can't get a quote",
      trace: [],
    });
  });

  it("passes a full context and the function's environment", async () => {
    const fn = fixture("context-echo", "app.handler", { memoryMb: 256, environment: { GREETING: "hi" } });
    const outcome = await invokeOnce(fn, { n: 1 });
    const result = outcome.payload as Record<string, unknown> & { env: Record<string, string> };
    expect(result).toMatchObject({
      event: { n: 1 },
      functionName: "test-context-echo",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:test-context-echo",
      memoryLimitInMB: "256",
      awsRequestId: outcome.requestId,
      logGroupName: "/aws/lambda/test-context-echo",
      logStreamName: expect.stringMatching(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/),
    });
    expect(result.remaining).toBeGreaterThan(0);
    expect(result.remaining).toBeLessThanOrEqual(3000);
    expect(result.env).toEqual({
      GREETING: "hi",
      AWS_LAMBDA_FUNCTION_NAME: "test-context-echo",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "256",
      LAMBDA_TASK_ROOT: fn.taskRoot,
      _HANDLER: "app.handler",
      TZ: ":UTC",
    });
  });

  it("prefixes console output with the time, the request id and the level", async () => {
    const outcome = await invokeOnce(fixture("context-echo", "app.handler"), { n: 2 });
    expect(outcome.logs).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${outcome.requestId}\\tINFO\\techoing { n: 2 }\\n$`),
    );
  });

  it("loads dependencies from the package's own node_modules", async () => {
    const taskRoot = functionWithDependency();
    expect(
      (await invokeOnce(fixture("with-dependency", "index.handler", { taskRoot }), { name: "Leia" })).payload,
    ).toBe("Hello, Leia.");
  });

  it("ends a function at its timeout with Lambda's message", async () => {
    const fn = fixture("misbehaving", "handlers.hang", { timeoutSeconds: 1 });
    const outcome = await invokeOnce(fn, {});
    expect(outcome.error).toEqual({
      errorType: "Sandbox.Timedout",
      errorMessage: `RequestId: ${outcome.requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(reportLines(fn, outcome).report).toMatch(/\tDuration: 1000\.00 ms\t.*\tStatus: timeout$/);
  });

  it("reports a process that exits as Runtime.ExitError", async () => {
    const outcome = await invokeOnce(fixture("misbehaving", "handlers.exit"), {});
    expect(outcome.error).toMatchObject({
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${outcome.requestId} Error: Runtime exited with error: exit status 3`,
    });
  });

  it("reports a thrown error by its name and message, with the trace", async () => {
    const outcome = await invokeOnce(fixture("misbehaving", "handlers.throws"), {});
    expect(outcome.error).toMatchObject({ errorType: "TypeError", errorMessage: "bad thing" });
    expect(outcome.error?.trace?.[0]).toBe("TypeError: bad thing");
  });

  it.each([
    [
      "handlers.notAFunction",
      "Runtime.HandlerNotFound",
      // aws-lambda-nodejs-runtime-interface-client 3.x src/UserFunction.js: an export that is there but no function.
      "handlers.notAFunction is not a function",
    ],
    ["missing.handler", "Runtime.ImportModuleError", "Cannot find module 'missing'"],
    ["broken-init.handler", "Error", "cannot start: no config"],
  ])("reports %s failing at init as %s", async (handler, errorType, message) => {
    const outcome = await invokeOnce(fixture("misbehaving", handler), {});
    expect(outcome.error?.errorType).toBe(errorType);
    expect(outcome.error?.errorMessage).toContain(message);
  });
});

describe("reportLines", () => {
  it("prints Lambda's START, END and REPORT lines, billing the init phase too", () => {
    const lines = reportLines(
      { functionVersion: "$LATEST", memoryMb: 128 },
      { requestId: "r-1", logs: "", durationMs: 1.234, initDurationMs: 20.5, maxMemoryMb: 60 },
    );
    expect(lines).toEqual({
      start: "START RequestId: r-1 Version: $LATEST",
      end: "END RequestId: r-1",
      report:
        "REPORT RequestId: r-1\tDuration: 1.23 ms\tBilled Duration: 22 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 20.50 ms",
    });
  });
});

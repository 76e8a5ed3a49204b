import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, inspectorTargets } from "@holonet/test-kit/inspector";
import { afterEach, describe, expect, it } from "vitest";
import { type FunctionInstance, type InstanceOptions, startInstance } from "../src/function-instance";
import { reportLines } from "../src/report-lines";

const fixtures = path.join(import.meta.dirname, "fixtures");
const started: FunctionInstance[] = [];

const instance = (name: string, handler: string, overrides: Partial<InstanceOptions> = {}) => {
  const created = startInstance({
    runtime: "nodejs22.x",
    taskRoot: path.join(fixtures, name),
    handler,
    environment: {},
    identity: { functionName: `test-${name}`, functionVersion: "$LATEST", region: "us-east-1" },
    timeoutSeconds: 3,
    memoryMb: 128,
    ...overrides,
  });
  started.push(created);
  return created;
};

afterEach(async () => {
  await Promise.all(started.splice(0).map((each) => each.close()));
});

describe("a function instance stays warm between invocations, as a Lambda sandbox does", () => {
  it("gives the init its own limit: a timeout covers the invocation only, as on Lambda", async () => {
    const slow = instance("misbehaving", "slow-init.handler", { timeoutSeconds: 1 });
    const outcome = await slow.invoke({});
    expect(outcome.error).toBeUndefined();
    expect(outcome.payload).toBe("ready");
    expect(outcome.initDurationMs).toBeGreaterThanOrEqual(1500);
  });

  it("sets each invocation's trace header as _X_AMZN_TRACE_ID, and clears it for one that has none", async () => {
    const echo = instance("context-echo", "app.handler");
    const traceHeader = "Root=1-5e1b4151-5ac6c58f5b1d6e6d4d6a4f1e;Parent=53995c3f42cd8ad8;Sampled=1";
    const traced = await echo.invoke({}, { traceHeader });
    const untraced = await echo.invoke({});

    expect((traced.payload as { env: Record<string, string> }).env._X_AMZN_TRACE_ID).toBe(traceHeader);
    expect((untraced.payload as { env: Record<string, string> }).env._X_AMZN_TRACE_ID).toBeUndefined();
  });

  it("serves later invocations from the same process, with no init", async () => {
    const warm = instance("warm-counter", "counter.handler");
    const first = await warm.invoke({ n: 1 });
    const second = await warm.invoke({ n: 2 }, { requestId: "req-2" });

    expect(first.payload).toMatchObject({ count: 1 });
    expect(second.payload).toEqual({ count: 2, pid: (first.payload as { pid: number }).pid });
    expect(first.initDurationMs).toBeGreaterThan(0);
    expect(second.initDurationMs).toBeUndefined();
    expect(second.requestId).toBe("req-2");
    expect(warm.alive).toBe(true);
  });

  it("gives each invocation its own logs, stderr included, in order", async () => {
    const warm = instance("warm-counter", "counter.handler");
    const first = await warm.invoke({ n: 1 });
    const second = await warm.invoke({ n: 2 });

    expect(first.logs).toContain("\tINFO\tinitialising\n");
    expect(first.logs).toMatch(new RegExp(`\\t${first.requestId}\\tINFO\\tcount 1\\nstderr line 1\\n$`));
    expect(second.logs).toMatch(
      new RegExp(`^[^\\n]+\\t${second.requestId}\\tINFO\\tcount 2\\nstderr line 2\\n$`),
    );
  });

  it("serves one invocation at a time", async () => {
    const warm = instance("warm-counter", "counter.handler");
    const first = warm.invoke({ n: 1 });
    expect(warm.busy).toBe(true);
    await expect(warm.invoke({ n: 2 })).rejects.toThrow("The instance is busy.");
    await first;
    expect(warm.busy).toBe(false);
  });

  it("dies at a timeout, and its REPORT line says so, with the memory used and the init, as Lambda's does", async () => {
    const hanging = instance("misbehaving", "handlers.hang", { timeoutSeconds: 1 });
    const outcome = await hanging.invoke({});

    expect(outcome.error?.errorType).toBe("Sandbox.Timedout");
    expect(hanging.alive).toBe(false);
    await expect(hanging.invoke({})).rejects.toThrow("The instance is dead.");
    // Lambda's REPORT line after a timeout, as logged on AWS ("Avoiding the Lambda Doom Loop",
    // aaronstuyvenberg.com): "REPORT RequestId: 13222b1e-...\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\t
    // Memory Size: 1024 MB\tMax Memory Used: 64 MB\tStatus: timeout"; a cold one also has its Init Duration
    // ("for the first request served": https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html).
    const report = reportLines({ functionVersion: "$LATEST", memoryMb: 128 }, outcome).report;
    expect(report).toMatch(
      /^REPORT RequestId: \S+\tDuration: 1000\.00 ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\tStatus: timeout$/,
    );
    // A Node.js process holds tens of MB before it runs any code.
    expect(Number(/Max Memory Used: (\d+) MB/.exec(report)?.[1])).toBeGreaterThan(20);
  });

  it("dies when the process exits, reporting Runtime.ExitError", async () => {
    const exiting = instance("misbehaving", "handlers.exit");
    const outcome = await exiting.invoke({});
    expect(outcome.error).toEqual({
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${outcome.requestId} Error: Runtime exited with error: exit status 3`,
    });
    expect(exiting.alive).toBe(false);
  });

  it("stays alive after a function error", async () => {
    const throwing = instance("misbehaving", "handlers.throws");
    expect((await throwing.invoke({})).error?.errorType).toBe("TypeError");
    expect((await throwing.invoke({})).error?.errorType).toBe("TypeError");
    expect(throwing.alive).toBe(true);
  });

  it("ends a function that outgrows its memory size", async () => {
    const hog = instance("misbehaving", "handlers.hog", { memoryMb: 64, timeoutSeconds: 20 });
    const outcome = await hog.invoke({});
    // As Lambda answers it, quoted in adobe/helix-html2md-service#1001 (see exitError in lambda-error.ts).
    expect(outcome.error?.errorType).toBe("Runtime.OutOfMemory");
    expect(outcome.logs).toContain("heap out of memory");
    expect(hog.alive).toBe(false);
  });

  it("opens the Node inspector on the port it is given", async () => {
    const port = await freePort();
    const debuggable = instance("warm-counter", "counter.handler", { inspectPort: port });
    const outcome = await debuggable.invoke({ n: 1 });

    expect(outcome.payload).toMatchObject({ count: 1 });
    expect(await inspectorTargets(port)).toEqual([
      expect.objectContaining({ type: "node", webSocketDebuggerUrl: expect.stringContaining(`:${port}/`) }),
    ]);
  });
});

describe("the event and the result travel as JSON text", () => {
  it("hands the function JSON.parse of the text it is given, and keeps the text the runner answered", async () => {
    const echo = instance("context-echo", "app.handler");
    const text = '{"b":1,"a":[1.50,"\\u00e9"],"__proto__":{"x":1},"n":null,"b":2}';
    const outcome = await echo.invokeJson(text);

    expect((outcome.payload as { event: unknown }).event).toEqual(JSON.parse(text));
    expect(outcome.payloadJson).toBe(JSON.stringify(outcome.payload));
  });

  it("hands an object event over as the IPC channel did: its JSON", async () => {
    const echo = instance("context-echo", "app.handler");
    const when = new Date(0);
    const outcome = await echo.invoke({ when, skipped: undefined });

    expect((outcome.payload as { event: unknown }).event).toEqual({ when: when.toJSON() });
  });
});

describe("Node's module compile cache", () => {
  it.each(["nodejs22.x", "nodejs24.x"])(
    "on %s, fills the folder it is given and leaves the function's environment as it was",
    async (runtime) => {
      const folder = mkdtempSync(path.join(tmpdir(), "holonet-compile-cache-"));
      try {
        const cached = await instance("env-keys", "app.handler", { runtime, compileCacheDir: folder }).invoke(
          {},
        );
        const plain = await instance("env-keys", "app.handler", { runtime }).invoke({});

        expect(readdirSync(folder, { recursive: true }).length).toBeGreaterThan(0);
        expect(cached.error).toBeUndefined();
        expect((cached.payload as { names: string[] }).names).toEqual(
          (plain.payload as { names: string[] }).names,
        );
        expect((cached.payload as { names: string[] }).names).not.toContain("NODE_COMPILE_CACHE");
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );
});

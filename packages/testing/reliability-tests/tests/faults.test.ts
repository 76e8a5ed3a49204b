import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import {
  DeleteFunctionConcurrencyCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
} from "@aws-sdk/client-lambda";
import { zipDirectory } from "@holonet/lambda-deploy/bundle-zip";
import { localClientConfig } from "@holonet/local-cloud/local-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_BUCKET, readS3State } from "./support/data-bucket";
import { recordFigures } from "./support/figures";
import { deployFunction, faultySource, invokeAlias } from "./support/inline-functions";
import { sendRaw } from "./support/raw-http";
import { NO_THROTTLING, startTestCloud, type TestCloud } from "./support/test-cloud";

const ROOT = path.resolve(import.meta.dirname, "../../../..");
let stack: TestCloud;
let lambda: LambdaClient;

beforeAll(async () => {
  stack = await startTestCloud({ throttling: NO_THROTTLING });
  lambda = new LambdaClient(localClientConfig(stack.cloud.lambda, stack.cloud.credentials));
});

/** The faults this file injected and survived, for figures.json. */
const injected: string[] = [];

afterAll(async () => {
  recordFigures("faults", { faultsInjected: injected.length, kinds: injected.join(", ") });
  lambda?.destroy();
  await stack?.close();
});

/** The stack's own service answers while a fault runs beside it. */
const quoteAnswers = async () => (await fetch(`${stack.cloud.api}/quote?isJedi=true`)).status;

const FAULTS = [
  {
    name: "throws",
    fault: 'throw new TypeError("Broken on purpose");',
    timeoutSeconds: 3,
    errorType: "TypeError",
    errorMessage: /^Broken on purpose$/,
    freshInstance: false,
  },
  {
    name: "hangs",
    // A timer keeps the event loop busy: a promise that merely never settles is no hang on Lambda, whose
    // runtime sees the empty event loop and ends the invocation.
    fault: "await new Promise((resolve) => setTimeout(resolve, 60_000));",
    timeoutSeconds: 1,
    errorType: "Sandbox.Timedout",
    errorMessage: /Task timed out after 1\.00 seconds$/,
    freshInstance: true,
  },
  {
    name: "exits",
    fault: "process.exit(3);",
    timeoutSeconds: 3,
    errorType: "Runtime.ExitError",
    errorMessage: /Runtime exited with error: exit status 3$/,
    freshInstance: true,
  },
  {
    name: "exhausts-memory",
    // Bounded: 2,000 arrays of 800 kB is 1.6 GB, far past the 128 MB heap, and stops there if it ever is not.
    fault:
      "const hoard = []; for (let i = 0; i < 2000; i++) hoard.push(new Array(100000).fill(i)); return hoard.length;",
    timeoutSeconds: 20,
    // Lambda's answer, quoted in adobe/helix-html2md-service#1001 (see exitError in lambda-runtime).
    errorType: "Runtime.OutOfMemory",
    errorMessage: /Runtime exited with error: signal: killed$/,
    freshInstance: true,
  },
];

describe("functions that fail", () => {
  it.each(FAULTS)(
    "a function that $name fails as on Lambda, runs on in the right instance, and the API keeps serving",
    async ({ name, fault, timeoutSeconds, errorType, errorMessage, freshInstance }) => {
      const functionName = `reliability-${name}`;
      await deployFunction(lambda, { name: functionName, code: faultySource(fault), timeoutSeconds });
      const before = await invokeAlias(lambda, functionName, { probe: true });
      expect(before.functionError).toBeUndefined();

      const [failed, status] = await Promise.all([invokeAlias(lambda, functionName, {}), quoteAnswers()]);
      expect(status).toBe(200);
      expect(failed.functionError).toBe("Unhandled");
      expect(failed.payload).toMatchObject({ errorType, errorMessage: expect.stringMatching(errorMessage) });

      const after = await invokeAlias(lambda, functionName, { probe: true });
      expect(after.functionError).toBeUndefined();
      expect(after.payload).toEqual({ pid: expect.any(Number) });
      // Lambda keeps a sandbox whose handler threw, and replaces one that timed out or whose process died.
      if (freshInstance) expect(after.payload).not.toEqual(before.payload);
      else expect(after.payload).toEqual(before.payload);
      expect(await quoteAnswers()).toBe(200);
      injected.push(`function ${name}`);
    },
    40_000,
  );
});

// "If the Lambda API rejects the invocation request, API Gateway returns a 500 error code", its body the generic
// message (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html); re:Post's "API
// Gateway proxy integration does not forward Lambda throttling (HTTP 429) to client" reports it of a throttle.
// A client cannot tell it from a function's crash; the local cloud's log says which, as CloudWatch would.
describe("a throttled function", () => {
  it("answers through the HTTP API with AWS's 500, and the log says it was a throttle", async () => {
    const quote = stack.cloud.functions.quote?.name as string;
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: quote, ReservedConcurrentExecutions: 0 }),
    );
    try {
      const answer = await sendRaw(stack.cloud.api, { method: "GET", path: "/quote?isJedi=true" });
      expect(answer.status).toBe(500);
      expect(answer.headers["retry-after"]).toBeUndefined();
      expect(JSON.parse(answer.body.toString("utf8"))).toEqual({ message: "Internal Server Error" });
      expect(stack.recentLog()).toMatch(
        /api +\| GET \/quote -> 500 \(Lambda throttled: ReservedFunctionConcurrentInvocationLimitExceeded; /,
      );
    } finally {
      await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: quote }));
    }
    expect(await quoteAnswers()).toBe(200);
    injected.push("throttled function");
  });
});

/** A loopback port that nobody listens on: bound for a moment, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("S3 unreachable", () => {
  it("store-save answers 503 with the error body and writes nothing", async () => {
    const before = await readS3State(stack.cloud);
    await deployFunction(lambda, {
      name: "reliability-store-save-offline",
      code: zipDirectory(path.join(ROOT, "services/store-save/dist")),
      timeoutSeconds: 10,
      memoryMb: 256,
      environment: {
        DATA_BUCKET,
        AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${await deadPort()}`,
        AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
        AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
      },
    });
    const event = JSON.parse(
      readFileSync(path.join(ROOT, "services/store-save/events/http-save.json"), "utf8"),
    ) as unknown;
    const answer = await invokeAlias(lambda, "reliability-store-save-offline", event);
    expect(answer.functionError).toBeUndefined();
    const response = answer.payload as { statusCode: number; body: string };
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body)).toEqual({
      error: { code: "SERVICE_UNAVAILABLE", message: expect.any(String) },
    });
    expect(await readS3State(stack.cloud)).toEqual(before);
    expect(await quoteAnswers()).toBe(200);
    injected.push("S3 unreachable");
  }, 40_000);
});

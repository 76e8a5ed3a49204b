import { createServer, type Server } from "node:http";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { localClientConfig } from "@holonet/local-cloud/local-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordFigures } from "./support/figures";
import { type RawRequest, sendRaw } from "./support/raw-http";
import { redeployWithEnvironment, redeployWithSource } from "./support/redeploy";
import { NO_THROTTLING, startTestCloud, type TestCloud } from "./support/test-cloud";

const VALID_ID = "01JDQ2Z8X5M3N4P6R7S8T9V0W1";

/** What must never reach a caller: stack frames, file paths, the SDK's and Node's error names. */
const INTERNAL_DETAILS: ReadonlyArray<[string, RegExp]> = [
  ["a stack frame", /\n?\s{4}at /],
  ["a repository path", /\/work\//],
  ["node_modules", /node_modules/],
  ["a TypeScript file", /\.ts\b/],
  [
    "an SDK error name",
    /S3ServiceException|ServiceException|AccessDenied|InternalError|NoSuchBucket|\$metadata/,
  ],
  ["a Node error", /ECONNREFUSED|SyntaxError|TypeError|Error: /],
  ["the fake S3's secret", /TOP-SECRET-DETAIL/],
];

/** A message stuffed with everything the error model must keep to itself. */
const LEAKY =
  "TOP-SECRET-DETAIL at /work/main/services/store-get/src/app.ts:12:7 (node_modules/@aws-sdk/x.ts)";
const LEAKY_STACK = `Error: ${LEAKY}\n    at Object.<anonymous> (/work/main/node_modules/secret/index.ts:1:1)`;

/** S3 as seen by the store functions when it fails: how it fails is chosen per test. */
let mode: "server-error" | "access-denied" | "garbage" = "server-error";
const fakeS3: Server = createServer((req, res) => {
  req.resume();
  const error = (status: number, code: string) => {
    res.writeHead(status, { "content-type": "application/xml", "x-amz-request-id": "FAKE" });
    res.end(`<?xml version="1.0"?><Error><Code>${code}</Code><Message>${LEAKY_STACK}</Message></Error>`);
  };
  if (mode === "server-error") return error(500, "InternalError");
  if (mode === "access-denied") return error(403, "AccessDenied");
  // A stored object that is not JSON, and a listing that is not XML: the store's parsers throw.
  res.writeHead(200, { "content-type": "application/json" });
  res.end(LEAKY_STACK);
});

let stack: TestCloud;
let lambda: LambdaClient;
const checked = { answers: 0, faults: 0 };

beforeAll(async () => {
  stack = await startTestCloud({ throttling: NO_THROTTLING });
  lambda = new LambdaClient(localClientConfig(stack.cloud.lambda, stack.cloud.credentials));
  await new Promise<void>((resolve) => fakeS3.listen(0, "127.0.0.1", resolve));
  const { port } = fakeS3.address() as { port: number };
  for (const service of ["store-save", "store-get"]) {
    const target = stack.cloud.functions[service];
    if (!target) throw new Error(`the local cloud has no ${service}`);
    await redeployWithEnvironment(lambda, target, {
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`,
      // One attempt: the SDK's retries only make the test slower.
      AWS_MAX_ATTEMPTS: "1",
    });
  }
});

afterAll(async () => {
  recordFigures("error-bodies", { faultsInjected: checked.faults, errorAnswersChecked: checked.answers });
  lambda?.destroy();
  await new Promise((resolve) => fakeS3.close(resolve));
  await stack?.close();
});

const STORE_REQUESTS: RawRequest[] = [
  {
    method: "POST",
    path: "/quotes",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ quote: "Fear is the path to the dark side." }),
  },
  { method: "GET", path: `/quotes/${VALID_ID}` },
  { method: "GET", path: "/quotes" },
  { method: "GET", path: "/quotes?limit=5" },
];

/** Sends the request and checks the answer is a server error whose body says nothing internal. */
async function expectOpaqueServerError(request: RawRequest, statuses: number[]): Promise<string> {
  const answer = await sendRaw(stack.cloud.api, request);
  const body = answer.body.toString("utf8");
  const where = `${request.method} ${request.path} -> ${answer.status}: ${body}`;
  expect(statuses, where).toContain(answer.status);
  for (const [what, pattern] of INTERNAL_DETAILS) expect(body, `${where} shows ${what}`).not.toMatch(pattern);
  for (const [name, value] of Object.entries(answer.headers))
    expect(String(value), `${where}: header ${name}`).not.toMatch(/TOP-SECRET-DETAIL|\/work\//);
  checked.answers++;
  return body;
}

describe("no internal details in a 5xx body", () => {
  it("when S3 fails on its side (500): the store functions answer 503 with the error body only", async () => {
    mode = "server-error";
    checked.faults++;
    for (const request of STORE_REQUESTS) {
      const body = await expectOpaqueServerError(request, [503]);
      expect(JSON.parse(body)).toEqual({
        error: { code: "SERVICE_UNAVAILABLE", message: expect.any(String) },
      });
    }
  });

  it("when S3 refuses (403) with a message full of paths: a generic 500 naming the request id", async () => {
    mode = "access-denied";
    checked.faults++;
    for (const request of STORE_REQUESTS) {
      const body = await expectOpaqueServerError(request, [500]);
      expect(JSON.parse(body)).toEqual({ error: { code: "INTERNAL_ERROR", message: expect.any(String) } });
    }
  });

  it("when S3 answers what cannot be parsed: a generic 500, not the parser's message", async () => {
    mode = "garbage";
    checked.faults++;
    for (const request of STORE_REQUESTS.slice(1))
      expect(JSON.parse(await expectOpaqueServerError(request, [500]))).toMatchObject({
        error: { code: "INTERNAL_ERROR" },
      });
  });

  it("when a function throws an Error whose message holds a path and a stack: the gateway's 500 only", async () => {
    const target = stack.cloud.functions.quote;
    if (!target) throw new Error("the local cloud has no quote");
    checked.faults++;
    await redeployWithSource(
      lambda,
      target,
      `export const handler = async () => { throw new Error(${JSON.stringify(LEAKY_STACK)}); };`,
    );
    const body = await expectOpaqueServerError({ method: "GET", path: "/quote?isJedi=true" }, [500, 502]);
    expect(JSON.parse(body)).toEqual({ message: "Internal Server Error" });
  });
});

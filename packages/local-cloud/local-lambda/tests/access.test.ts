import {
  CreateFunctionCommand,
  GetFunctionCommand,
  InvalidParameterValueException,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
} from "@aws-sdk/client-lambda";
import { rawRequest } from "@holonet/test-kit/raw-request";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { functionInput, type Harness, payloadOf, startHarness, zipFixture } from "./service-harness";

// A web page in the developer's browser, or another process, calling the Lambda API. AWS refuses a request
// without a valid Signature Version 4; browsers cannot sign, so no page gets through.
let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(() => harness.close());

const createBody = () =>
  JSON.stringify({
    ...functionInput("planted", zipFixture("echo")),
    Code: { ZipFile: Buffer.from(zipFixture("echo")).toString("base64") },
  });
const names = async () =>
  ((await harness.client.send(new ListFunctionsCommand({}))).Functions ?? []).map((fn) => fn.FunctionName);
const errorType = (answer: { headers: Record<string, unknown> }) => answer.headers["x-amzn-errortype"];

describe("the Lambda API refuses what AWS refuses", () => {
  it("refuses a cross-site 'simple' CreateFunction (text/plain, no credentials) and creates nothing", async () => {
    const answer = await rawRequest({
      url: `${harness.service.endpoint}/2015-03-31/functions`,
      method: "POST",
      headers: { "content-type": "text/plain", origin: "https://evil.example" },
      body: createBody(),
    });
    expect([answer.status, errorType(answer)]).toEqual([403, "MissingAuthenticationTokenException"]);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
    expect(await names()).toEqual([]);
  });

  it("refuses an unsigned Invoke and runs nothing", async () => {
    await harness.create("echo", zipFixture("echo"));
    const answer = await rawRequest({
      url: `${harness.service.endpoint}/2015-03-31/functions/echo/invocations`,
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    expect(answer.status).toBe(403);
    expect(harness.invocations).toEqual([]);
  });

  it("answers a CORS preflight with no allowance", async () => {
    const answer = await rawRequest({
      url: `${harness.service.endpoint}/2015-03-31/functions`,
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("refuses the SDK with a wrong secret or an unknown key, with Lambda's error types", async () => {
    for (const [credentials, name] of [
      [{ ...harness.credentials.developer, secretAccessKey: "guess" }, "InvalidSignatureException"],
      [{ accessKeyId: "AKIDSTRANGERSTRANGER", secretAccessKey: "x" }, "UnrecognizedClientException"],
    ] as const) {
      const stranger = new LambdaClient({
        endpoint: harness.service.endpoint,
        region: "us-east-1",
        credentials,
        maxAttempts: 1,
      });
      const error = await stranger
        .send(new CreateFunctionCommand(functionInput("planted", zipFixture("echo"))))
        .catch((e) => e);
      expect((error as Error).name).toBe(name);
      stranger.destroy();
    }
    expect(await names()).toEqual([]);
  });

  it("refuses a request naming a host other than loopback, even signed (DNS rebinding)", async () => {
    const answer = await rawRequest({
      url: `${harness.service.endpoint}/2015-03-31/functions/`,
      headers: { host: "evil.example" },
      signAs: { credential: harness.credentials.developer, service: "lambda" },
    });
    expect(answer.status).toBe(403);
  });

  it("refuses a signed control request whose body is not JSON", async () => {
    const answer = await rawRequest({
      url: `${harness.service.endpoint}/2015-03-31/functions`,
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: createBody(),
      signAs: { credential: harness.credentials.developer, service: "lambda" },
    });
    expect([answer.status, errorType(answer)]).toEqual([415, "UnsupportedMediaTypeException"]);
    expect(await names()).toEqual([]);
  });

  it("serves GetFunction's Code.Location only as the presigned URL it handed out", async () => {
    const zip = zipFixture("echo");
    await harness.create("echo", zip);
    const location =
      (await harness.client.send(new GetFunctionCommand({ FunctionName: "echo" }))).Code?.Location ?? "";
    expect(new Uint8Array(await (await fetch(location)).arrayBuffer())).toEqual(zip);
    expect((await fetch(location.slice(0, location.indexOf("?")))).status).toBe(403);
    expect((await fetch(location.replace(/X-Amz-Signature=./, "X-Amz-Signature=z"))).status).toBe(403);
  });
});

describe("functions run with the execution role's credentials", () => {
  it("hands each instance the role's temporary credentials, as Lambda does", async () => {
    await harness.create("echo", zipFixture("echo"));
    const output = await harness.client.send(
      new InvokeCommand({ FunctionName: "echo", Payload: Buffer.from("{}") }),
    );
    expect(payloadOf(output)).toMatchObject({
      accessKeyId: harness.credentials.functionRole.accessKeyId,
      sessionToken: harness.credentials.functionRole.sessionToken,
    });
  });

  it("refuses a configuration that sets a reserved variable such as AWS_ACCESS_KEY_ID", async () => {
    const attempt = harness.create("echo", zipFixture("echo"), {
      Environment: { Variables: { AWS_ACCESS_KEY_ID: "mine", GREETING: "hi" } },
    });
    await expect(attempt).rejects.toThrow(InvalidParameterValueException);
    await expect(attempt).rejects.toThrow(/reserved keys .* AWS_ACCESS_KEY_ID/);
  });
});

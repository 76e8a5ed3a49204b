import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
} from "@aws-sdk/client-lambda";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  browserTestPlan,
  type LaunchedChromium,
  launchChromium,
  skipWithoutChromium,
} from "@holonet/browser-test/chromium";
import { bucketName } from "@holonet/infra/app-definition";
import { type LocalCredentials, loadOrCreateCredentials } from "@holonet/local-auth/local-credentials";
import { localS3ClientConfig } from "@holonet/local-s3/local-s3";
import { rawRequest } from "@holonet/test-kit/raw-request";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevProcess, startDevProcess } from "./support/dev-process";

// The threat model of docs/security.md, tried against `pnpm dev` itself (the real CLI, its own data folder):
// a web page in the developer's browser, another process on the machine, and a hostile host name that
// resolves to 127.0.0.1 (DNS rebinding). Every attack must fail; each was seen to succeed before the local
// cloud checked credentials, host names and keys.

const DATA = bucketName("data", "dev");
const WEB = bucketName("web", "dev");
const EVIL = { origin: "https://evil.example" };
/** A working function package, base64 as CreateFunction's JSON carries it: the attacker's code. */
const quoteZip = Buffer.from(
  zipSync({ "index.mjs": strToU8('export const handler = async () => "planted";\n') }),
).toString("base64");

let dataDir: string;
let dev: DevProcess;
let credentials: LocalCredentials;
let lambda: LambdaClient;
let s3: S3Client;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "holonet-attacks-"));
  dev = await startDevProcess(path.join(dataDir, "cloud"));
  credentials = loadOrCreateCredentials(path.join(dataDir, "cloud"));
  lambda = new LambdaClient({
    endpoint: dev.config.lambda,
    region: "us-east-1",
    credentials: credentials.developer,
  });
  s3 = new S3Client(localS3ClientConfig({ endpoint: dev.config.s3, credentials }));
}, 120_000);
afterAll(async () => {
  lambda?.destroy();
  s3?.destroy();
  await dev?.stop("SIGTERM").catch(() => dev.kill());
  rmSync(dataDir, { recursive: true, force: true });
});

const functionNames = async () =>
  ((await lambda.send(new ListFunctionsCommand({}))).Functions ?? []).map((fn) => fn.FunctionName).sort();
const codeSha = async () =>
  (await lambda.send(new GetFunctionCommand({ FunctionName: "holonet-quote" }))).Configuration?.CodeSha256;
const keysOf = async (Bucket: string) =>
  ((await s3.send(new ListObjectsV2Command({ Bucket }))).Contents ?? []).map((object) => object.Key).sort();
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );

describe("1. a web page or another process runs code through the Lambda API", () => {
  it("a cross-site 'simple' CreateFunction, Invoke or UpdateFunctionCode without credentials is refused", async () => {
    const before = { names: await functionNames(), sha: await codeSha() };
    const create = await rawRequest({
      url: `${dev.config.lambda}/2015-03-31/functions`,
      method: "POST",
      headers: { ...EVIL, "content-type": "text/plain" },
      body: JSON.stringify({
        FunctionName: "planted",
        Runtime: "nodejs22.x",
        Role: "arn:aws:iam::000000000000:role/x",
        Handler: "index.handler",
        Code: { ZipFile: quoteZip },
      }),
    });
    const invoke = await rawRequest({
      url: `${dev.config.lambda}/2015-03-31/functions/holonet-quote/invocations`,
      method: "POST",
      headers: { ...EVIL, "content-type": "application/x-www-form-urlencoded" },
      body: '{"isJedi":true}',
    });
    const update = await rawRequest({
      url: `${dev.config.lambda}/2015-03-31/functions/holonet-quote/code`,
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ZipFile: quoteZip }),
    });
    for (const answer of [create, invoke, update]) {
      expect(answer.status).toBe(403);
      expect(answer.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
    }
    expect({ names: await functionNames(), sha: await codeSha() }).toEqual(before);
  });

  it("the real SDK with a wrong secret or an unknown key is refused as AWS refuses it", async () => {
    for (const [wrong, name] of [
      [{ ...credentials.developer, secretAccessKey: "guessed" }, "InvalidSignatureException"],
      [{ accessKeyId: "AKIDNOTTHELOCALKEY00", secretAccessKey: "x" }, "UnrecognizedClientException"],
    ] as const) {
      const stranger = new LambdaClient({
        endpoint: dev.config.lambda,
        region: "us-east-1",
        credentials: wrong,
        maxAttempts: 1,
      });
      const attempt = stranger.send(
        new CreateFunctionCommand({
          FunctionName: "planted",
          Runtime: "nodejs22.x",
          Role: "arn:aws:iam::000000000000:role/x",
          Handler: "index.handler",
          Code: { ZipFile: Buffer.from(quoteZip, "base64") },
        }),
      );
      await expect(attempt).rejects.toMatchObject({ name });
      stranger.destroy();
    }
    expect(await functionNames()).not.toContain("planted");
  });
});

describe("2. S3 keys that climb out of the bucket and the data folder", () => {
  it("refuses the SDK's and the raw forms, and writes nothing outside the bucket folders", async () => {
    const before = filesUnder(dataDir).filter((file) => !file.includes(`${path.sep}s3${path.sep}`));
    const name = `escaped-${randomUUID()}`;
    await expect(
      s3.send(new PutObjectCommand({ Bucket: DATA, Key: `../../${name}`, Body: "x" })),
    ).rejects.toMatchObject({
      name: "InvalidArgument",
    });
    for (const form of [`../../${name}`, `..%2f..%2f${name}`, `%2e%2e%2f%2e%2e%2f${name}`]) {
      const answer = await rawRequest({
        url: `${dev.config.s3}/${DATA}/${form}`,
        method: "PUT",
        body: "x",
        signAs: { credential: credentials.developer, service: "s3" },
      });
      expect(answer.status, form).toBeGreaterThanOrEqual(400);
    }
    const after = filesUnder(dataDir).filter((file) => !file.includes(`${path.sep}s3${path.sep}`));
    expect(after.filter((file) => !before.includes(file) && !file.endsWith(".json"))).toEqual([]);
    expect(filesUnder(dataDir).filter((file) => file.includes(name))).toEqual([]);
  });

  it("the website endpoint answers the same 404 for a file outside its bucket that exists and one that does not", async () => {
    // A file next to the bucket, named as the local S3 names an object's file.
    writeFileSync(path.join(dataDir, "cloud", "s3", "planted.txt._S3rver_object"), "a secret");
    const read = (file: string) => rawRequest({ url: `${dev.config.web}../${file}` });
    const existing = await read("planted.txt");
    const missing = await read("nothing-here.txt");
    expect(existing.status).toBe(404);
    expect(existing.body).not.toContain("a secret");
    // The same answer, but for the name asked for, which S3's 404 page repeats.
    expect([missing.status, missing.body.replace("nothing-here.txt", "NAME")]).toEqual([
      existing.status,
      existing.body.replace("planted.txt", "NAME"),
    ]);
  });
});

describe("3. anonymous cross-site writes and deletes to S3", () => {
  it("a form upload to either bucket and a text/plain DeleteObjects are refused, and nothing changes", async () => {
    const before = { data: await keysOf(DATA), web: await keysOf(WEB) };
    const form = `--b\r\nContent-Disposition: form-data; name="key"\r\n\r\nx.html\r\n--b\r\nContent-Disposition: form-data; name="Content-Type"\r\n\r\ntext/html\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="x.html"\r\n\r\n<script>alert(1)</script>\r\n--b--\r\n`;
    for (const bucket of [DATA, WEB]) {
      const upload = await rawRequest({
        url: `${dev.config.s3}/${bucket}`,
        method: "POST",
        headers: { ...EVIL, "content-type": "multipart/form-data; boundary=b" },
        body: form,
      });
      expect(upload.status, bucket).toBe(403);
    }
    const remove = await rawRequest({
      url: `${dev.config.s3}/${WEB}?delete`,
      method: "POST",
      headers: { ...EVIL, "content-type": "text/plain" },
      body: "<Delete><Object><Key>index.html</Key></Object></Delete>",
    });
    expect(remove.status).toBe(403);
    expect({ data: await keysOf(DATA), web: await keysOf(WEB) }).toEqual(before);
    expect((await rawRequest({ url: `${dev.config.web}x.html` })).status).toBe(404);
  });
});

describe("4. DNS rebinding: a hostile host name that resolves to 127.0.0.1", () => {
  it("every endpoint refuses a Host that is not loopback, even on a signed request", async () => {
    const targets: [string, string, string?][] = [
      ["lambda", `${dev.config.lambda}/2015-03-31/functions/holonet-quote`, "lambda"],
      ["s3", `${dev.config.s3}/${DATA}`, "s3"],
      ["logs", `${dev.config.logs}/`, "logs"],
      ["cloudformation", `${dev.config.cloudformation}/?Action=DescribeStacks`, "cloudformation"],
      ["api", `${dev.config.api}/quote?isJedi=true`],
      ["web", dev.config.web],
      ["dashboard", `${dev.config.dashboard}api/overview`],
    ];
    for (const [name, url, service] of targets) {
      const port = new URL(url).port;
      const answer = await rawRequest({
        url,
        headers: { host: `evil.example:${port}` },
        ...(service && { signAs: { credential: credentials.developer, service } }),
      });
      expect(answer.status, name).toBe(403);
      // Not the stack's outputs, the functions' environment, their logs, a quote or the site.
      expect(answer.body, name).not.toMatch(/holonet-dev|DATA_BUCKET|quote"|<html/i);
    }
  });
});

describe("5. a cross-site form deletes the stage's stack", () => {
  it("an unsigned, form-encoded DeleteStack is refused and the stack stays", async () => {
    const answer = await rawRequest({
      url: dev.config.cloudformation,
      method: "POST",
      headers: { ...EVIL, "content-type": "application/x-www-form-urlencoded" },
      body: "Action=DeleteStack&StackName=holonet-dev&Version=2010-05-15",
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("<Code>MissingAuthenticationToken</Code>");
    const client = new CloudFormationClient({
      endpoint: dev.config.cloudformation,
      region: "us-east-1",
      credentials: credentials.developer,
    });
    const stacks = await client.send(new DescribeStacksCommand({ StackName: "holonet-dev" }));
    expect(stacks.Stacks?.[0]?.StackStatus).toBe("CREATE_COMPLETE");
    client.destroy();
  });
});

describe("6. error traces show Lambda's paths, not the machine's", () => {
  it("a function error's trace names /var/task and no folder of this machine", async () => {
    const output = await lambda.send(
      new InvokeCommand({ FunctionName: "holonet-quote", Qualifier: "dev", Payload: Buffer.from("{}") }),
    );
    expect(output.FunctionError).toBe("Unhandled");
    const error = JSON.parse(Buffer.from(output.Payload ?? new Uint8Array()).toString()) as {
      trace: string[];
    };
    const text = error.trace.join("\n");
    expect(text).toContain("/var/task/");
    expect(text).not.toContain(dataDir);
    expect(text).not.toContain(path.resolve(import.meta.dirname, "../../../.."));
  });
});

describe("a real browser page on another origin", () => {
  let browser: LaunchedChromium | undefined;
  let page: Server;
  afterAll(async () => {
    page?.close();
    await browser?.close();
  });

  it("cannot create a function, write to S3 or delete the stack with the requests a page can send", async (context) => {
    const plan = browserTestPlan();
    skipWithoutChromium(context, plan);
    const before = { names: await functionNames(), web: await keysOf(WEB) };
    // The attacker's page: another local origin, sending what any page may send without a preflight.
    const script = `
      const lambda = ${JSON.stringify(dev.config.lambda)}, s3 = ${JSON.stringify(dev.config.s3)}, cfn = ${JSON.stringify(dev.config.cloudformation)};
      const create = JSON.stringify({ FunctionName: "from-a-page", Runtime: "nodejs22.x", Role: "arn:aws:iam::000000000000:role/x", Handler: "index.handler", Code: { ZipFile: ${JSON.stringify(quoteZip)} } });
      const form = new FormData(); form.append("key", "x.html"); form.append("file", new Blob(["<h1>planted</h1>"], { type: "text/html" }), "x.html");
      const sent = [
        fetch(lambda + "/2015-03-31/functions", { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: create }),
        fetch(s3 + "/${WEB}", { method: "POST", mode: "no-cors", body: form }),
        fetch(cfn, { method: "POST", mode: "no-cors", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "Action=DeleteStack&StackName=holonet-dev" }),
        fetch(lambda + "/2015-03-31/functions/", { mode: "cors" }).then((r) => r.text()),
      ].map((p) => p.then(() => "sent", (e) => "failed: " + e.message));
      Promise.all(sent).then((outcomes) => { document.title = JSON.stringify(outcomes); });`;
    page = createServer((_, response) => {
      response
        .writeHead(200, { "content-type": "text/html" })
        .end(`<!doctype html><title>waiting</title><script>${script}</script>`);
    });
    await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
    browser = await launchChromium({ executablePath: plan.executablePath });
    const tab = await browser.context.newPage();
    await tab.goto(`http://127.0.0.1:${(page.address() as AddressInfo).port}/`);
    await tab.waitForFunction('document.title !== "waiting"', undefined, { timeout: 20_000 });
    const outcomes = JSON.parse(await tab.title()) as string[];
    // The no-cors requests go out (a page never sees their answers); the CORS read is refused by the browser.
    expect(outcomes.slice(0, 3)).toEqual(["sent", "sent", "sent"]);
    expect(outcomes[3]).toMatch(/^failed/);
    expect({ names: await functionNames(), web: await keysOf(WEB) }).toEqual(before);
    const client = new CloudFormationClient({
      endpoint: dev.config.cloudformation,
      region: "us-east-1",
      credentials: credentials.developer,
    });
    expect((await client.send(new DescribeStacksCommand({ StackName: "holonet-dev" }))).Stacks).toHaveLength(
      1,
    );
    client.destroy();
  });
});

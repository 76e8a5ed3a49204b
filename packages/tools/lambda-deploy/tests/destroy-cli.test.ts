import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { GetAliasCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type LambdaService, startLambdaService } from "@holonet/local-lambda/lambda-service";
import {
  LOCAL_REGION,
  type LocalS3,
  localS3ClientConfig,
  startTemporaryS3,
} from "@holonet/local-s3/local-s3";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishFunction } from "../src/publish-function";
import { deadEndpoint, type StubStack, startCloudFormationStub } from "./cloudformation-stub";

// `destroy` must never report success it did not achieve: it establishes what exists before it deletes
// anything, and fails loudly, naming what was left, when it cannot. The data bucket is the stack's with
// DeletionPolicy Retain, so the saved quotes outlive the stage unless --delete-data asks otherwise:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html
const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, "../bin/holonet-deploy.mjs");
const DATA = "holonet-dev-data";
const WEB = "holonet-dev-web";
const KEPT = `kept: s3://${DATA} with 2 objects (retained; the next deploy:stack adopts it; --delete-data removes it)`;

let s3: LocalS3;
let client: S3Client;
let lambda: LambdaService;
let lambdaDir: string;
const stacks = new Map<string, StubStack>();
let cloudFormation: Awaited<ReturnType<typeof startCloudFormationStub>>;

const destroy = (flags: string[] = [], env: Record<string, string> = {}) =>
  run(process.execPath, [bin, "destroy", "--stage", "dev", "--yes", ...flags], {
    env: {
      PATH: process.env.PATH,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: s3.credentials.developer.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.developer.secretAccessKey,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.url,
      AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
      AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
      AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
      AWS_MAX_ATTEMPTS: "1",
      ...env,
    },
  }).then(
    (done) => ({ code: 0, ...done }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

const keysIn = async (bucket: string) =>
  ((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key);

beforeAll(async () => {
  lambdaDir = mkdtempSync(path.join(tmpdir(), "holonet-destroy-lambda-"));
  s3 = await startTemporaryS3([{ name: DATA }, { name: WEB }]);
  lambda = await startLambdaService({ dataDir: lambdaDir, credentials: s3.credentials });
  client = new S3Client(localS3ClientConfig(s3));
  for (const key of ["quotes/a.json", "quotes/b.json"])
    await client.send(new PutObjectCommand({ Bucket: DATA, Key: key, Body: "{}" }));
  cloudFormation = await startCloudFormationStub(stacks);
});
afterAll(async () => {
  await cloudFormation.close();
  client.destroy();
  await lambda.close();
  await s3.close();
  rmSync(lambdaDir, { recursive: true, force: true });
});

const putSite = () => client.send(new PutObjectCommand({ Bucket: WEB, Key: "index.html", Body: "<p>" }));

describe("pnpm run destroy", () => {
  it("with CloudFormation out of reach deletes nothing, says why and what to do, and exits 1", async () => {
    const dead = await deadEndpoint();
    const result = await destroy([], {
      AWS_ENDPOINT_URL_CLOUDFORMATION: dead,
      AWS_ENDPOINT_URL_LAMBDA: `${dead}9`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Cannot tell whether the stack holonet-dev exists");
    expect(result.stderr).toContain("Nothing was destroyed.");
    expect(result.stderr).toContain(`Nothing answers at ${dead} (AWS_ENDPOINT_URL_CLOUDFORMATION)`);
    expect(result.stdout).not.toContain("destroyed.");
    expect(await keysIn(DATA)).toEqual(["quotes/a.json", "quotes/b.json"]);
  });

  it("when the stack survives its deletion, exits 1, names what was removed and what is left, keeps the data", async () => {
    stacks.set("holonet-dev", { afterDelete: "DELETE_FAILED" });
    await putSite();
    const result = await destroy();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`  1 object in s3://${WEB}`);
    expect(result.stdout).toContain(`  ${KEPT}`);
    expect(result.stdout).not.toContain("Stage dev destroyed.");
    expect(result.stderr).toContain(
      "deleting the stack holonet-dev failed: CloudFormation still has holonet-dev, as DELETE_FAILED",
    );
    expect(result.stderr).toContain(`Removed: 1 object in s3://${WEB}.`);
    expect(result.stderr).toContain("Left: the stack holonet-dev");
    expect(await keysIn(DATA)).toEqual(["quotes/a.json", "quotes/b.json"]);
  });

  it("with --delete-data deletes the data only after the stack, so a stack that stays keeps it", async () => {
    stacks.set("holonet-dev", { afterDelete: "DELETE_FAILED" });
    const result = await destroy(["--delete-data"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`  s3://${DATA} and its 2 objects, after the stack (--delete-data)`);
    expect(result.stderr).toContain(
      `Left: the stack holonet-dev: its roles, HTTP API and web bucket (the data bucket is retained); s3://${DATA} and its 2 objects`,
    );
    expect(await keysIn(DATA)).toEqual(["quotes/a.json", "quotes/b.json"]);
  });

  it("by default removes the aliases, the site and the stack, and keeps the saved quotes", async () => {
    stacks.set("holonet-dev", { afterDelete: "gone" });
    await putSite();
    const lambdaClient = new LambdaClient({
      endpoint: lambda.endpoint,
      region: LOCAL_REGION,
      credentials: s3.credentials.developer,
    });
    try {
      await publishFunction(lambdaClient, spec, zipSync({ "index.mjs": strToU8(HANDLER) }), { alias: "dev" });
      const result = await destroy();
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("  alias dev of holonet-quote (on version 1; the versions stay)");
      expect(result.stdout).toContain(`  ${KEPT}`);
      expect(result.stdout).toContain(`Stage dev destroyed. s3://${DATA} is kept.`);
      expect(await keysIn(DATA)).toEqual(["quotes/a.json", "quotes/b.json"]);
      expect(await keysIn(WEB)).toEqual([]);
      await expect(
        lambdaClient.send(new GetAliasCommand({ FunctionName: "holonet-quote", Name: "dev" })),
      ).rejects.toThrow();
    } finally {
      lambdaClient.destroy();
    }
  });

  it("with --delete-data and the stack already gone, removes the retained data bucket", async () => {
    const result = await destroy(["--delete-data"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`deleting s3://${DATA} and its 2 objects`);
    await expect(keysIn(DATA)).rejects.toThrow(/does not exist/);
  });

  it("shows a bucket that is not there as not there, never as empty", async () => {
    const result = await destroy(["--delete-data"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`  s3://${DATA}: does not exist`);
    expect(result.stdout).not.toContain(`0 objects in s3://${DATA}`);
    expect(result.stdout).toContain("Nothing to remove.");
    const kept = await destroy();
    expect(kept.stdout).toContain(`  s3://${DATA}: does not exist`);
    expect(kept.stdout).not.toContain("kept:");
  });
});

const HANDLER = "export const handler = async () => ({});\n";
const spec = {
  name: "holonet-quote",
  description: "A function that a stage's alias points at",
  runtime: "nodejs22.x" as const,
  handler: "index.handler",
  role: "arn:aws:iam::000000000000:role/holonet-dev-quote",
  memoryMb: 128,
  timeoutSeconds: 3,
  environment: {},
  logGroup: "/holonet/dev/quote",
  tracing: "PassThrough" as const,
};

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startLambdaService } from "@holonet/local-lambda/lambda-service";
import {
  LOCAL_REGION,
  type LocalS3,
  localS3ClientConfig,
  startTemporaryS3,
} from "@holonet/local-s3/local-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `destroy` must never report success it did not achieve: it establishes what exists before it deletes
// anything, and fails loudly, naming what was left, when it cannot.
const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, "../bin/holonet-deploy.mjs");
const DATA = "holonet-dev-data";

let s3: LocalS3;
let client: S3Client;
let cloudFormation: Server;
let cloudFormationUrl: string;
let stackDeleted = false;
let lambdaDir: string;

/** CloudFormation's query protocol, answering one stack that refuses to go (DELETE_FAILED). */
function stubbornStack(): Server {
  return createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const action = new URLSearchParams(body).get("Action");
      if (action === "DeleteStack") stackDeleted = true;
      const status = stackDeleted ? "DELETE_FAILED" : "CREATE_COMPLETE";
      const xml =
        action === "DeleteStack"
          ? "<DeleteStackResponse><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DeleteStackResponse>"
          : `<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>holonet-dev</StackName><StackId>x</StackId><CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>${status}</StackStatus></member></Stacks></DescribeStacksResult></DescribeStacksResponse>`;
      response.writeHead(200, { "content-type": "text/xml" }).end(xml);
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const destroy = (env: Record<string, string>) =>
  run(process.execPath, [bin, "destroy", "--stage", "dev", "--yes"], {
    env: {
      PATH: process.env.PATH,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: s3.credentials.developer.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.developer.secretAccessKey,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
      AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
      AWS_MAX_ATTEMPTS: "1",
      ...env,
    },
  }).then(
    (done) => ({ code: 0, ...done }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

const savedKeys = async () =>
  ((await client.send(new ListObjectsV2Command({ Bucket: DATA }))).Contents ?? []).map((o) => o.Key);

beforeAll(async () => {
  lambdaDir = mkdtempSync(path.join(tmpdir(), "holonet-destroy-lambda-"));
  s3 = await startTemporaryS3([{ name: DATA }]);
  client = new S3Client(localS3ClientConfig(s3));
  for (const key of ["quotes/a.json", "quotes/b.json"])
    await client.send(new PutObjectCommand({ Bucket: DATA, Key: key, Body: "{}" }));
  cloudFormation = stubbornStack();
  await new Promise<void>((resolve) => cloudFormation.listen(0, "127.0.0.1", resolve));
  cloudFormationUrl = `http://127.0.0.1:${(cloudFormation.address() as AddressInfo).port}`;
});
afterAll(async () => {
  rmSync(lambdaDir, { recursive: true, force: true });
  cloudFormation.close();
  client.destroy();
  await s3.close();
});

describe("pnpm run destroy", () => {
  it("with CloudFormation out of reach deletes nothing, says why and what to do, and exits 1", async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const result = await destroy({
      AWS_ENDPOINT_URL_CLOUDFORMATION: dead,
      AWS_ENDPOINT_URL_LAMBDA: `${dead}9`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Cannot tell whether the stack holonet-dev exists");
    expect(result.stderr).toContain("Nothing was destroyed.");
    expect(result.stderr).toContain(`Nothing answers at ${dead} (AWS_ENDPOINT_URL_CLOUDFORMATION)`);
    expect(result.stdout).not.toContain("destroyed.");
    expect(await savedKeys()).toEqual(["quotes/a.json", "quotes/b.json"]);
  });

  it("when the stack survives its deletion, exits 1 and names what was removed and what is left", async () => {
    const lambda = await startLambdaService({ dataDir: lambdaDir, credentials: s3.credentials });
    try {
      const result = await destroy({
        AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormationUrl,
        AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
      });
      expect(result.code).toBe(1);
      expect(result.stdout).not.toContain("Stage dev destroyed.");
      expect(result.stderr).toContain(
        "deleting the stack holonet-dev failed: CloudFormation still has holonet-dev, as DELETE_FAILED",
      );
      expect(result.stderr).toContain(`Removed: 2 object(s) in s3://${DATA}.`);
      expect(result.stderr).toContain("Left: the stack holonet-dev");
    } finally {
      await lambda.close();
    }
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { STAGES } from "@holonet/infra/app-definition";
import { zipDirectory } from "@holonet/lambda-deploy/bundle-zip";
import { deployFunction } from "@holonet/lambda-deploy/deploy-function";
import { stackFunctionSpec } from "@holonet/lambda-deploy/stack-function-spec";
import { readStackOutputs } from "@holonet/lambda-deploy/stack-outputs";
import { localS3ClientConfig } from "@holonet/local-s3/local-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDevConfig } from "../src/dev-config";
import { FREE_PORTS, type LocalCloud, localClientConfig, startLocalCloud } from "../src/local-cloud";

// Every stage of the definition in one local cloud, as after deploy:stack for each: pnpm dev fills dev,
// deploys fill ci and prod. Real HTTP, the real Lambda and S3 APIs, the deploy's own functions.
const root = path.resolve(import.meta.dirname, "../../../..");
let dataDir: string;
let workDir: string;
let cloud: LocalCloud;
let lambda: LambdaClient;
let s3: S3Client;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "holonet-stages-"));
  workDir = mkdtempSync(path.join(tmpdir(), "holonet-stages-bundle-"));
  cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS });
  lambda = new LambdaClient(localClientConfig(cloud.lambda, cloud.credentials));
  s3 = new S3Client(localS3ClientConfig({ endpoint: cloud.s3, credentials: cloud.credentials }));
}, 60_000);

afterAll(async () => {
  lambda?.destroy();
  s3?.destroy();
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

/** A ci deploy as the deploy script makes it: the stage stack's outputs, the stage's alias, a smoke test. */
async function deployToCi(service: "quote" | "store-save", zip: Uint8Array, smokeEvent: unknown) {
  const client = new CloudFormationClient(localClientConfig(cloud.cloudformation, cloud.credentials));
  const outputs = await readStackOutputs(client, "holonet-ci");
  client.destroy();
  return deployFunction(lambda, stackFunctionSpec(service, "ci", outputs), zip, { alias: "ci", smokeEvent });
}

const keys = async (bucket: string) =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map(
    (each) => each.Key ?? "",
  );

describe("every stage in the local cloud", () => {
  it("gives each stage its own HTTP API and website, on ports of their own, in dev.json", () => {
    const { stages } = readDevConfig(dataDir);
    expect(Object.keys(stages)).toEqual([...STAGES]);
    expect(stages.dev).toEqual({ api: cloud.api, web: cloud.web });
    const origins = STAGES.flatMap((stage) =>
      [stages[stage].api, stages[stage].web].map((url) => new URL(url).origin),
    );
    expect(new Set(origins).size).toBe(6);
  });

  it("answers 500 on ci's routes before any ci deploy, as API Gateway does for an alias that does not exist", async () => {
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html
    const answer = await fetch(`${cloud.stages.ci.api}/quote?isJedi=true`);
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({ message: "Internal Server Error" });
    expect((await fetch(`${cloud.api}/quote?isJedi=true`)).status).toBe(200);
  });

  it("serves an empty web bucket on ci's website until the site is deployed there", async () => {
    expect((await fetch(cloud.stages.ci.web)).status).toBe(404);
    expect((await fetch(cloud.web)).status).toBe(200);
  });

  it("allows only ci's website origin on ci's API", async () => {
    const preflight = (origin: string) =>
      fetch(`${cloud.stages.ci.api}/quotes`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST" },
      });
    const ciOrigin = new URL(cloud.stages.ci.web).origin;
    expect((await preflight(ciOrigin)).headers.get("access-control-allow-origin")).toBe(ciOrigin);
    const devOrigin = new URL(cloud.web).origin;
    expect((await preflight(devOrigin)).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("serves ci's alias on ci's API once deployed, saving to ci's data bucket", async () => {
    const dir = mkdtempSync(path.join(workDir, "quote-"));
    writeFileSync(
      path.join(dir, "handler.mjs"),
      'export const handler = async () => ({ quote: "Only in ci." });\n',
    );
    const quote = await deployToCi("quote", zipDirectory(dir), { isJedi: true });
    expect(quote).toMatchObject({ changed: true, rolledBack: false });
    expect(await (await fetch(`${cloud.stages.ci.api}/quote?isJedi=true`)).json()).toEqual({
      quote: "Only in ci.",
    });
    expect(await (await fetch(`${cloud.api}/quote?isJedi=true`)).json()).not.toEqual({
      quote: "Only in ci.",
    });

    const saveZip = zipDirectory(path.join(root, "services/store-save/dist"));
    await deployToCi("store-save", saveZip, { quote: "A ci smoke test." });
    const before = await keys("holonet-ci-data");
    const saved = await fetch(`${cloud.stages.ci.api}/quotes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ quote: "Saved in ci." }),
    });
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };
    const added = (await keys("holonet-ci-data")).filter((each) => !before.includes(each));
    expect(added).toHaveLength(1);
    const [key] = added;
    const object = await s3.send(new GetObjectCommand({ Bucket: "holonet-ci-data", Key: key }));
    const stored = JSON.parse((await object.Body?.transformToString()) ?? "");
    expect(stored).toMatchObject({ id, quote: "Saved in ci." });
    expect(await keys("holonet-dev-data")).not.toContain(key);
  }, 60_000);
});

import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { GetAliasCommand, GetFunctionConfigurationCommand } from "@aws-sdk/client-lambda";
import { roleOutputKey } from "@holonet/infra/stack-outputs";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployFunction } from "../src/deploy-function";
import { stackFunctionSpec } from "../src/stack-function-spec";
import { deadEndpoint, type StubStack, startCloudFormationStub } from "./cloudformation-stub";
import { startLocalLambda } from "./stage-function";

// pnpm run promote, as a user runs it: the real local Lambda service, the stage stacks' outputs from
// CloudFormation's DescribeStacks, and a function that answers like store-get.
const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, "../bin/holonet-deploy.mjs");
const NAME = "holonet-store-get";
const outputs = (stage: string) => ({
  [roleOutputKey("store-get")]: `arn:aws:iam::000000000000:role/holonet-${stage}-store-get`,
});

let workspace: string;
let lambda: Awaited<ReturnType<typeof startLocalLambda>>;
let ciVersion = "";
let ciSha = "";
const stacks = new Map<string, StubStack>([
  ["holonet-ci", { outputs: outputs("ci"), afterDelete: "gone" }],
  ["holonet-prod", { outputs: outputs("prod"), afterDelete: "gone" }],
]);
let cloudFormation: Awaited<ReturnType<typeof startCloudFormationStub>>;

const cli = (args: string[], env: Record<string, string> = {}, cwd = import.meta.dirname) =>
  run(process.execPath, [bin, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: lambda.developer.accessKeyId,
      AWS_SECRET_ACCESS_KEY: lambda.developer.secretAccessKey,
      AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
      AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.url,
      AWS_MAX_ATTEMPTS: "1",
      ...env,
    },
  }).then(
    (done) => ({ code: 0, ...done }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

const served = async (alias: string) => {
  const { FunctionVersion } = await lambda.client.send(
    new GetAliasCommand({ FunctionName: NAME, Name: alias }),
  );
  return lambda.client.send(
    new GetFunctionConfigurationCommand({ FunctionName: NAME, Qualifier: FunctionVersion }),
  );
};

beforeAll(async () => {
  lambda = await startLocalLambda("holonet-promote-cli-");
  cloudFormation = await startCloudFormationStub(stacks);
  const code = zipSync({
    "handler.mjs": strToU8(
      "export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ bucket: process.env.DATA_BUCKET }) });\n",
    ),
  });
  const tested = await deployFunction(
    lambda.client,
    stackFunctionSpec("store-get", "ci", outputs("ci")),
    code,
    {
      alias: "ci",
      smokeEvent: {},
    },
  );
  ciVersion = tested.version;
  ciSha = tested.codeSha256;
  // A workspace of its own for deploy: a built bundle, with no build to run.
  workspace = mkdtempSync(path.join(tmpdir(), "holonet-promote-ws-"));
  writeFileSync(path.join(workspace, "pnpm-workspace.yaml"), "packages: []\n");
  mkdirSync(path.join(workspace, "services/store-get/dist"), { recursive: true });
  writeFileSync(path.join(workspace, "services/store-get/dist/handler.mjs"), "export const handler = 1;\n");
  mkdirSync(path.join(workspace, "services/store-get/events"));
  writeFileSync(path.join(workspace, "services/store-get/events/direct-list.json"), "{}");
});
afterAll(async () => {
  await cloudFormation.close();
  await lambda.close();
  rmSync(workspace, { recursive: true, force: true });
});

describe("pnpm run promote", () => {
  it("with --dry-run shows which version and code it would publish, and changes nothing", async () => {
    const result = await cli(["promote", "store-get", "--from", "ci", "--to", "prod", "--dry-run"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${NAME}:ci serves version ${ciVersion}, made for ci by a deploy`);
    expect(result.stdout).toContain(`CodeSha256 ${ciSha} (checked)`);
    expect(result.stdout).toContain(
      `Plan (nothing is changed): ci version ${ciVersion}'s code with prod's configuration`,
    );
    expect(result.stdout).toContain("  publish a new version of holonet-store-get");
    expect(result.stdout).toContain("  create alias prod on the new version");
    await expect(served("prod")).rejects.toThrow();
  });

  it("publishes ci's code for prod and ends with a summary naming the same CodeSha256", async () => {
    const result = await cli(["promote", "store-get", "--from", "ci", "--to", "prod"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Promoted: ${NAME}`);
    expect(result.stdout).toContain(`  code      `);
    expect(result.stdout).toContain(`CodeSha256 ${ciSha}\n`);
    expect(result.stdout).toContain(
      `  from      ci version ${ciVersion}, CodeSha256 ${ciSha} (the same code)`,
    );
    const prod = await served("prod");
    expect(prod.CodeSha256).toBe(ciSha);
    expect(prod.Role).toBe(outputs("prod")[roleOutputKey("store-get")]);
    expect(prod.Environment?.Variables?.DATA_BUCKET).toBe("holonet-prod-data");
  });

  it("says no change when prod already serves it, and history shows where prod's code came from", async () => {
    const again = await cli(["promote", "store-get", "--from", "ci", "--to", "prod"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`No change: ${NAME}`);
    const history = await cli(["history", "store-get", "--stage", "prod"]);
    expect(history.stdout).toContain(`made for prod, promoted from ci version ${ciVersion}`);
  });

  it("refuses to promote a stage onto itself", async () => {
    const result = await cli(["promote", "store-get", "--from", "ci", "--to", "ci"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--from and --to are both ci");
  });

  it("refuses a stage nothing was deployed to, and exits 1", async () => {
    const result = await cli(["promote", "store-get", "--from", "dev", "--to", "ci"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${NAME} has no alias dev: nothing was tested on dev. Deploy to dev first.`,
    );
  });
});

describe("with nothing listening, deploy, rollback and promote name the endpoint and what to do", () => {
  const advice = (endpoint: string, variable: string) =>
    `Nothing answers at ${endpoint} (${variable}). For the local cloud, start it with pnpm dev and run eval "$(pnpm -s local-env)" again; for AWS, unset the AWS_ENDPOINT_URL_* variables.`;

  it("promote and rollback: the Lambda endpoint", async () => {
    const dead = await deadEndpoint();
    for (const args of [
      ["promote", "store-get", "--from", "ci", "--to", "prod"],
      ["rollback", "store-get", "--stage", "prod"],
    ]) {
      const result = await cli(args, { AWS_ENDPOINT_URL_LAMBDA: dead });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(advice(dead, "AWS_ENDPOINT_URL_LAMBDA"));
    }
    // Two runs of the CLI, each a Node start loading the AWS SDK: on a loaded machine, more than the default.
  }, 90_000);

  it("deploy: the CloudFormation endpoint, then the Lambda endpoint", async () => {
    const dead = await deadEndpoint();
    const deploy = ["store-get", "--stage", "ci", "--no-build"];
    const noStack = await cli(deploy, { AWS_ENDPOINT_URL_CLOUDFORMATION: dead }, workspace);
    expect(noStack.code).toBe(1);
    expect(noStack.stderr).toContain(advice(dead, "AWS_ENDPOINT_URL_CLOUDFORMATION"));
    const noLambda = await cli(deploy, { AWS_ENDPOINT_URL_LAMBDA: dead }, workspace);
    expect(noLambda.code).toBe(1);
    expect(noLambda.stderr).toContain(advice(dead, "AWS_ENDPOINT_URL_LAMBDA"));
  }, 90_000);
});

import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
} from "@aws-sdk/client-lambda";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { STAGES, type Stage } from "@holonet/infra/app-definition";
import { versionRecord } from "@holonet/lambda-deploy/release-record";
import { localS3ClientConfig } from "@holonet/local-s3/local-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FREE_PORTS, type LocalCloud, localClientConfig, startLocalCloud } from "../src/local-cloud";
import { sdkEnvironment } from "../src/sdk-environment";
import { runCommand } from "./run-command";

// A whole release rehearsed against the local cloud through the commands the README gives (pnpm run
// deploy / promote / rollback / history / destroy run holonet-deploy; pnpm deploy:stack runs infra's stack
// deploy), for every stage: what a team does on AWS, done first on this machine.
const root = path.resolve(import.meta.dirname, "../../../..");
const deployBin = path.join(root, "packages/tools/lambda-deploy/bin/holonet-deploy.mjs");
const NAME = "holonet-quote";

let dataDir: string;
let workspace: string;
let cloud: LocalCloud;
let environment: Record<string, string>;
let lambda: LambdaClient;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "holonet-release-"));
  // A workspace of its own, so that each deploy can ship code of its own without touching the repository's
  // bundles: the deploy zips <workspace>/services/quote/dist and smoke-tests with its sample event.
  workspace = mkdtempSync(path.join(tmpdir(), "holonet-release-workspace-"));
  writeFileSync(path.join(workspace, "pnpm-workspace.yaml"), "packages: []\n");
  mkdirSync(path.join(workspace, "services/quote/events"), { recursive: true });
  mkdirSync(path.join(workspace, "services/quote/dist"), { recursive: true });
  copyFileSync(
    path.join(root, "services/quote/events/direct-jedi.json"),
    path.join(workspace, "services/quote/events/direct-jedi.json"),
  );
  cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS });
  // What `eval "$(pnpm -s local-env)"` sets.
  environment = sdkEnvironment(cloud, cloud.credentials);
  lambda = new LambdaClient(localClientConfig(cloud.lambda, cloud.credentials));
}, 60_000);

afterAll(async () => {
  lambda?.destroy();
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(workspace, { recursive: true, force: true });
});

const run = (file: string, args: string[], cwd: string) =>
  runCommand(file, args, { cwd, env: environment, timeoutMs: 90_000 });

/** `pnpm run deploy|promote|rollback|history|destroy ...`, from the workspace. */
const holonetDeploy = (...args: string[]) => run(process.execPath, [deployBin, ...args], workspace);

/** `pnpm deploy:stack --stage <stage>`, from the repository's root. */
const deployStack = (stage: Stage) =>
  run("pnpm", ["--silent", "--filter", "@holonet/infra", "run", "deploy", "--stage", stage], root);

/** The quote service's code: a bundle that answers one fixed quote, directly and over HTTP. */
function shipQuote(quote: string, { brokenAtInit = false } = {}) {
  const body = JSON.stringify({ quote });
  writeFileSync(
    path.join(workspace, "services/quote/dist/handler.mjs"),
    brokenAtInit
      ? 'throw new Error("broken at init");\n'
      : `export const handler = async (event) => event?.requestContext ? { statusCode: 200, headers: { "content-type": "application/json" }, body: ${JSON.stringify(body)} } : ${body};\n`,
  );
}

async function deploy(stage: Stage, quote: string) {
  shipQuote(quote);
  const result = await holonetDeploy("quote", "--stage", stage, "--no-build");
  expect(result.output).toContain("Deployed: holonet-quote");
  expect(result.status).toBe(0);
}

const apiOf = (stage: Stage) => cloud.stages[stage].api;

/** What the stage's HTTP API answers for a Jedi, or the status when it is not a quote. */
async function quoteOn(stage: Stage): Promise<string | number> {
  const response = await fetch(`${apiOf(stage)}/quote?isJedi=true`);
  return response.ok ? ((await response.json()) as { quote: string }).quote : response.status;
}

/** The version the stage's alias serves, with its configuration. */
async function served(stage: Stage) {
  const alias = await lambda.send(new GetAliasCommand({ FunctionName: NAME, Name: stage }));
  return lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: NAME, Qualifier: alias.FunctionVersion }),
  );
}

/** Every stage's alias serves a version made for that stage, with that stage's role. */
async function expectEveryStageOnItsOwnVersions() {
  for (const stage of STAGES) {
    const version = await served(stage).catch(() => undefined);
    if (!version) continue;
    expect(versionRecord(version.Description)?.stage, `${stage} serves ${version.Version}`).toBe(stage);
    expect(version.Role).toContain(`holonet-${stage}-quote`);
  }
}

describe("a release rehearsed on every stage of the local cloud", () => {
  it("answers on each stage's own API, and ci and prod only once a deploy reaches them", async () => {
    expect(new Set(STAGES.map(apiOf)).size).toBe(STAGES.length);
    expect(typeof (await quoteOn("dev"))).toBe("string");
    // Before any deploy the route's alias does not exist: API Gateway answers 500, as on AWS.
    expect(await quoteOn("ci")).toBe(500);
    expect(await quoteOn("prod")).toBe(500);
  });

  it("promotes nothing that a deploy did not test: not pnpm dev's version, not a stage never deployed", async () => {
    const fromDev = await holonetDeploy("promote", "quote", "--from", "dev", "--to", "prod");
    expect(fromDev.output).toMatch(/Nothing promoted: .*pnpm dev published/);
    expect(fromDev.status).toBe(1);
    const fromCi = await holonetDeploy("promote", "quote", "--from", "ci", "--to", "prod");
    expect(fromCi.output).toMatch(/no alias ci/);
    expect(fromCi.status).toBe(1);
    expect(await quoteOn("prod")).toBe(500);
  }, 60_000);

  it("deploys dev and ci with different code, each stage serving its own", async () => {
    await deploy("dev", "Dev's experiment.");
    await deploy("ci", "Tested in ci.");
    expect(await quoteOn("dev")).toBe("Dev's experiment.");
    expect(await quoteOn("ci")).toBe("Tested in ci.");
    expect(await quoteOn("prod")).toBe(500);
    await expectEveryStageOnItsOwnVersions();
  }, 120_000);

  it("promotes exactly the code ci tested to prod, with prod's configuration", async () => {
    const result = await holonetDeploy("promote", "quote", "--from", "ci", "--to", "prod");
    expect(result.status).toBe(0);
    expect(await quoteOn("prod")).toBe("Tested in ci.");
    const [ci, prod] = [await served("ci"), await served("prod")];
    expect(prod.CodeSha256).toBe(ci.CodeSha256);
    expect(prod.Version).not.toBe(ci.Version);
    expect(prod.Role).toContain("holonet-prod-quote");
    expect(versionRecord(prod.Description)).toMatchObject({
      stage: "prod",
      promotedFrom: { stage: "ci", version: ci.Version },
    });
  }, 120_000);

  it("keeps prod serving when a bad deploy's smoke test fails", async () => {
    const before = await served("prod");
    shipQuote("never", { brokenAtInit: true });
    const result = await holonetDeploy("quote", "--stage", "prod", "--no-build");
    expect(result.status).toBe(1);
    expect(result.output).toContain("Deploy failed, alias restored");
    expect(result.output).toMatch(/smoke test FAILED: .*broken at init/);
    expect((await served("prod")).Version).toBe(before.Version);
    expect(await quoteOn("prod")).toBe("Tested in ci.");
  }, 120_000);

  it("rolls each stage back only onto its own earlier versions, however the deploys interleave", async () => {
    // dev, ci and prod take turns on the one function, so version numbers interleave across stages.
    await deploy("ci", "ci, second cut.");
    await deploy("dev", "Dev again.");
    expect((await holonetDeploy("promote", "quote", "--from", "ci", "--to", "prod")).status).toBe(0);
    await deploy("dev", "Dev a third time.");
    expect(await quoteOn("prod")).toBe("ci, second cut.");
    await expectEveryStageOnItsOwnVersions();

    const history = await holonetDeploy("history", "quote", "--stage", "prod");
    expect(history.output).toMatch(/promoted from ci version \d+/);

    // Each stage back as far as its own record goes: never onto another stage's version.
    const expected: Record<Stage, (string | number)[]> = {
      prod: ["Tested in ci."],
      ci: ["Tested in ci."],
      dev: ["Dev again.", "Dev's experiment."],
    };
    for (const stage of STAGES) {
      for (const quote of expected[stage]) {
        const step = await holonetDeploy("rollback", "quote", "--stage", stage);
        expect(step.status, step.output).toBe(0);
        expect(await quoteOn(stage)).toBe(quote);
        await expectEveryStageOnItsOwnVersions();
      }
      const refused = await holonetDeploy("rollback", "quote", "--stage", stage);
      expect(refused.status).toBe(1);
      await expectEveryStageOnItsOwnVersions();
    }
    // Versions of every stage are interleaved on the function: the record, not the numbers, kept them apart.
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: NAME }));
    const stagesByNumber = (versions.Versions ?? [])
      .filter((each) => each.Version !== "$LATEST")
      .map((each) => versionRecord(each.Description)?.stage);
    expect(new Set(stagesByNumber)).toEqual(new Set(["dev", "ci", "prod"]));
  }, 240_000);

  it("destroys ci, keeping its data, and re-creates it with deploy:stack", async () => {
    const s3 = new S3Client(localS3ClientConfig({ endpoint: cloud.s3, credentials: cloud.credentials }));
    const saved = { Bucket: "holonet-ci-data", Key: "quotes/kept-through-destroy.json" };
    await s3.send(new PutObjectCommand({ ...saved, Body: '{"quote":"kept"}' }));

    const destroyed = await holonetDeploy("destroy", "--stage", "ci", "--yes");
    expect(destroyed.status, destroyed.output).toBe(0);
    expect(destroyed.output).toMatch(/kept: s3:\/\/holonet-ci-data with 1 object/);
    await expect(fetch(`${apiOf("ci")}/quote?isJedi=true`)).rejects.toThrow();
    // The other stages are untouched.
    expect(await quoteOn("prod")).toBe("Tested in ci.");

    const recreated = await deployStack("ci");
    expect(recreated.status, recreated.output).toBe(0);
    expect(recreated.output).toMatch(/Import\s+AWS::S3::Bucket\s+DataBucket/);
    expect(recreated.output).toMatch(/holonet-ci: CREATE_COMPLETE/);
    const kept = await s3.send(new GetObjectCommand(saved));
    expect(await kept.Body?.transformToString()).toBe('{"quote":"kept"}');
    s3.destroy();

    // The stage's aliases went with it: its routes answer 500 until a deploy reaches it again.
    expect(await quoteOn("ci")).toBe(500);
    await deploy("ci", "Back in ci.");
    expect(await quoteOn("ci")).toBe("Back in ci.");
    // A second deploy:stack finds nothing to change.
    const again = await deployStack("ci");
    expect(again.status).toBe(0);
    expect(again.output).toMatch(/no changes/);
  }, 240_000);
});

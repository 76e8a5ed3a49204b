import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { GetAliasCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { zipDirectory } from "@holonet/lambda-deploy/bundle-zip";
import { deployFunction } from "@holonet/lambda-deploy/deploy-function";
import { stackFunctionSpec } from "@holonet/lambda-deploy/stack-function-spec";
import { readStackOutputs } from "@holonet/lambda-deploy/stack-outputs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FREE_PORTS, type LocalCloud, localClientConfig, startLocalCloud } from "../src/local-cloud";
import { sdkEnvironment } from "../src/sdk-environment";
import { runCommand } from "./run-command";

// The deploy flow rehearsed end to end against the local cloud, through the same SDK calls and the same
// CLI a deploy to AWS makes: only the endpoints differ.
const root = path.resolve(import.meta.dirname, "../../../..");
let dataDir: string;
let workDir: string;
let cloud: LocalCloud;
let environment: Record<string, string>;
let lambda: LambdaClient;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "holonet-rehearsal-"));
  workDir = mkdtempSync(path.join(tmpdir(), "holonet-bundle-"));
  cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS });
  // What `eval "$(pnpm -s local-env)"` sets.
  environment = sdkEnvironment(cloud, cloud.credentials);
  lambda = new LambdaClient(localClientConfig(cloud.lambda, cloud.credentials));
}, 60_000);

afterAll(async () => {
  lambda?.destroy();
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

/** The deploy CLI, run as a person runs it, against the local cloud. */
const deployCli = (...args: string[]) =>
  runCommand(
    process.execPath,
    [path.join(root, "packages/tools/lambda-deploy/bin/holonet-deploy.mjs"), ...args],
    {
      cwd: root,
      env: environment,
    },
  );

const quoteNow = async () =>
  ((await (await fetch(`${cloud.api}/quote?isJedi=true`)).json()) as { quote: string }).quote;
const aliasVersion = async () =>
  (await lambda.send(new GetAliasCommand({ FunctionName: "holonet-quote", Name: "dev" }))).FunctionVersion;

/** A changed quote service: a bundle of our own, zipped as the deploy zips a bundle. */
function changedQuoteZip(handlerSource: string) {
  const dir = mkdtempSync(path.join(workDir, "quote-"));
  writeFileSync(path.join(dir, "handler.mjs"), handlerSource);
  return zipDirectory(dir);
}

async function quoteSpec() {
  const client = new CloudFormationClient(localClientConfig(cloud.cloudformation, cloud.credentials));
  const outputs = await readStackOutputs(client, "holonet-dev");
  client.destroy();
  return stackFunctionSpec("quote", "dev", outputs);
}

describe("deploying one service to the local cloud", () => {
  it("publishes nothing when the service has not changed, and says so", async () => {
    const { status, output } = await deployCli("quote", "--stage", "dev", "--no-build");
    expect(output).toContain("No change: holonet-quote");
    expect(status).toBe(0);
  });

  it("shows the plan with --dry-run and changes nothing", async () => {
    const before = await aliasVersion();
    const { status, output } = await deployCli("store-get", "--stage", "dev", "--no-build", "--dry-run");
    expect(status).toBe(0);
    expect(output).toMatch(/Plan: nothing to publish/);
    expect(await aliasVersion()).toBe(before);
  });

  it("serves a changed quote through the API's alias, then the one deployed before after a rollback", async () => {
    const spec = await quoteSpec();
    const deployQuote = (quote: string) =>
      deployFunction(
        lambda,
        spec,
        changedQuoteZip(`export const handler = async () => ({ quote: ${JSON.stringify(quote)} });\n`),
        { alias: "dev", smokeEvent: { isJedi: true } },
      );
    const original = await aliasVersion();
    const first = await deployQuote("The Force is strong.");
    expect(first).toMatchObject({ changed: true, rolledBack: false, previousVersion: original });
    const outcome = await deployQuote("A new hope.");
    expect(Number(outcome.version)).toBe(Number(first.version) + 1);
    expect(await quoteNow()).toBe("A new hope.");
    // The other services keep serving.
    expect((await fetch(`${cloud.api}/quotes`)).status).toBe(200);

    const { status, output } = await deployCli("rollback", "quote", "--stage", "dev");
    expect(output).toContain(`from version ${outcome.version} to ${first.version}`);
    expect(status).toBe(0);
    expect(await quoteNow()).toBe("The Force is strong.");
    // pnpm dev's own version is no rollback target: only versions a deploy made live on dev are.
    const again = await deployCli("rollback", "quote", "--stage", "dev");
    expect(again.status).toBe(1);
    expect(again.output).toMatch(/records no earlier version a deploy made live on dev/);
    const history = await deployCli("history", "quote", "--stage", "dev");
    expect(history.output).toMatch(new RegExp(`version ${first.version} .*made for dev by a deploy`));
  }, 60_000);

  it("moves the alias back when the smoke test fails, so the stage keeps serving", async () => {
    const original = await aliasVersion();
    const zip = changedQuoteZip('throw new Error("broken at init");\n');
    const outcome = await deployFunction(lambda, await quoteSpec(), zip, {
      alias: "dev",
      smokeEvent: { isJedi: true },
    });
    expect(outcome.rolledBack).toBe(true);
    expect(outcome.smoke).toMatchObject({ ok: false, detail: expect.stringContaining("broken at init") });
    expect(await aliasVersion()).toBe(original);
    expect(typeof (await quoteNow())).toBe("string");
  }, 60_000);

  it("deploys the real service through the CLI over another version, smoke test included", async () => {
    const zip = changedQuoteZip('export const handler = async () => ({ quote: "Another version." });\n');
    await deployFunction(lambda, await quoteSpec(), zip, { alias: "dev", smokeEvent: { isJedi: true } });
    expect(await quoteNow()).toBe("Another version.");
    const { status, output } = await deployCli("quote", "--stage", "dev", "--no-build");
    expect(output).toMatch(/smoke test passed/);
    expect(output).toMatch(/Deployed: holonet-quote/);
    expect(status).toBe(0);
    expect(await quoteNow()).not.toBe("Another version.");
  }, 60_000);

  it("syncs the website to the stage's bucket with the stage's API URL", async () => {
    const { status, output } = await deployCli("web", "--stage", "dev", "--no-build");
    expect(output).toMatch(/Deployed web to s3:\/\/holonet-dev-web/);
    expect(status).toBe(0);
    expect(await (await fetch(new URL("config.json", cloud.web))).json()).toEqual({ apiUrl: cloud.api });
  }, 60_000);

  it("deploys to ci, whose stack the local cloud holds too, and ci's API serves it", async () => {
    expect((await fetch(`${cloud.stages.ci.api}/quote?isJedi=true`)).status).toBe(500);
    const { status, output } = await deployCli("quote", "--stage", "ci", "--no-build");
    expect(output).toMatch(/Deployed: holonet-quote/);
    expect(status).toBe(0);
    const answer = await fetch(`${cloud.stages.ci.api}/quote?isJedi=true`);
    expect(answer.status).toBe(200);
  }, 60_000);

  it("refuses an unknown service or stage with a clear message", async () => {
    const unknown = await deployCli("nope", "--stage", "dev");
    expect(unknown).toMatchObject({ status: 2, output: expect.stringMatching(/Unknown service "nope"/) });
    const noStage = await deployCli("quote");
    expect(noStage).toMatchObject({ status: 2, output: expect.stringMatching(/Give the stage/) });
  });

  it("refuses to destroy prod without --force", async () => {
    const { status, output } = await deployCli("destroy", "--stage", "prod", "--yes");
    expect(status).toBe(2);
    expect(output).toMatch(/prod is not destroyed without --force/);
  });

  it("destroys the stage after showing what goes: aliases, the buckets' objects, the stack", async () => {
    const saved = await fetch(`${cloud.api}/quotes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ quote: "Soon gone." }),
    });
    expect(saved.status).toBe(201);
    const { status, output } = await deployCli("destroy", "--stage", "dev", "--yes");
    expect(output).toMatch(/alias dev of holonet-quote/);
    expect(output).toMatch(/objects in s3:\/\/holonet-dev-web/);
    expect(output).toMatch(/the stack holonet-dev/);
    expect(output).toMatch(/Stage dev destroyed/);
    expect(status).toBe(0);
    // Nothing serves the stage any more: its HTTP API went with the stack, as on AWS.
    await expect(fetch(`${cloud.api}/quote?isJedi=true`)).rejects.toThrow();
    const again = await deployCli("destroy", "--stage", "dev", "--yes");
    expect(again.output).toMatch(/Nothing to remove/);
  }, 60_000);
});

import { GetAliasCommand, type LambdaClient, ResourceNotFoundException } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployFunction } from "../src/deploy-function";
import { publishFunction } from "../src/publish-function";
import { releaseHistory, rollbackAlias } from "../src/rollback";
import { stageSpec, stageZip, startLocalLambda } from "./stage-function";

// One function serves every stage; each stage's versions carry that stage's configuration (its role and its
// bucket). A rollback must stay inside the stage, whatever other stages and pnpm dev published meanwhile.
let lambda: Awaited<ReturnType<typeof startLocalLambda>>;
let client: LambdaClient;

beforeAll(async () => {
  lambda = await startLocalLambda("holonet-release-");
  client = lambda.client;
});
afterAll(async () => {
  await lambda.close();
});

const NAME = "release-flow";
const spec = (stage: string) => stageSpec(NAME, "A function of the release flow", stage);
const zip = stageZip;
const deploy = (stage: string, code: string, broken = false, steps: string[] = []) =>
  deployFunction(client, spec(stage), zip(code, broken), {
    alias: stage,
    smokeEvent: {},
    onStep: (line) => steps.push(line),
  });
/** The steps a deploy reported, from the smoke test's verdict on. */
const fromVerdict = (steps: string[]) =>
  steps.slice(steps.findIndex((line) => line.startsWith("smoke test ")));
const serving = async (alias: string) =>
  (await client.send(new GetAliasCommand({ FunctionName: NAME, Name: alias }))).FunctionVersion;

describe("deploys, pnpm dev and rollbacks on one function with several stages", () => {
  it("rolls a stage back only onto versions a deploy made live on that stage", async () => {
    expect((await deploy("dev", "A")).version).toBe("1");
    expect((await deploy("ci", "B")).version).toBe("2");
    expect((await deploy("dev", "C")).version).toBe("3");

    // A version whose smoke test fails never serves: the alias goes back, and the history does not know it.
    const steps: string[] = [];
    const failed = await deploy("dev", "D", true, steps);
    expect(failed).toMatchObject({ version: "4", rolledBack: true, previousVersion: "3" });
    expect(await serving("dev")).toBe("3");
    // The reason first, then what is done about it: back to the PREVIOUS version, not the new one.
    expect(fromVerdict(steps)).toEqual([
      expect.stringMatching(/^smoke test FAILED: function error .*broken at init/),
      "moving dev back to version 3",
    ]);

    // pnpm dev publishes onto the dev alias too; such a version is no rollback target.
    const fromPnpmDev = await publishFunction(client, spec("dev"), zip("E"), {
      alias: "dev",
      origin: "pnpm-dev",
    });
    expect(fromPnpmDev.version).toBe("5");
    expect((await releaseHistory(client, NAME, "dev")).entries.map((entry) => entry.version)).toEqual([
      "3",
      "1",
    ]);

    expect(await rollbackAlias(client, NAME, "dev")).toEqual({ from: "5", to: "3" });
    expect(await rollbackAlias(client, NAME, "dev")).toEqual({ from: "3", to: "1" });
    // Version 2, ci's, sits between them by number; it is never dev's.
    await expect(rollbackAlias(client, NAME, "dev")).rejects.toThrow(
      /records no earlier version a deploy made live on dev/,
    );
    expect(await serving("dev")).toBe("1");
    await expect(rollbackAlias(client, NAME, "ci")).rejects.toThrow(/serves version 2/);
    expect(await serving("ci")).toBe("2");
  });

  it("records each version's stage and origin, which history shows", async () => {
    const { current, entries } = await releaseHistory(client, NAME, "dev");
    expect(current).toMatchObject({ version: "1", stage: "dev", origin: "deploy" });
    expect(entries.map(({ version, stage, origin }) => ({ version, stage, origin }))).toEqual([
      { version: "1", stage: "dev", origin: "deploy" },
    ]);
  });

  it("removes a new stage's alias when its first version fails the smoke test", async () => {
    const steps: string[] = [];
    const outcome = await deploy("prod", "F", true, steps);
    expect(outcome).toMatchObject({ rolledBack: true });
    expect(fromVerdict(steps)).toEqual([
      expect.stringMatching(/^smoke test FAILED: function error/),
      "removing the new alias prod",
    ]);
    expect(outcome.previousVersion).toBeUndefined();
    await expect(serving("prod")).rejects.toThrow(ResourceNotFoundException);
  });
});

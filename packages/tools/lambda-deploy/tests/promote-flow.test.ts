import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  type LambdaClient,
  UpdateAliasCommand,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployFunction } from "../src/deploy-function";
import { historyLine } from "../src/history-command";
import { promoteFunction, readPromotionSource } from "../src/promote-function";
import { publishFunction } from "../src/publish-function";
import { releaseHistory } from "../src/rollback";
import { stageSpec, stageZip, startLocalLambda } from "./stage-function";

// Promotion republishes exactly the code a stage tested (the same CodeSha256) with the next stage's
// configuration. GetFunction with a Qualifier answers that version's CodeSha256 and a presigned Code.Location
// to download its zip (https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html).
let lambda: Awaited<ReturnType<typeof startLocalLambda>>;
let client: LambdaClient;

beforeAll(async () => {
  lambda = await startLocalLambda("holonet-promote-");
  client = lambda.client;
});
afterAll(async () => {
  await lambda.close();
});

const NAME = "promote-flow";
const spec = (stage: string) => stageSpec(NAME, "A function of the promotion flow", stage);
const zip = stageZip;
const deploy = (stage: string, code: string, broken = false) =>
  deployFunction(client, spec(stage), zip(code, broken), { alias: stage, smokeEvent: {} });
const promote = async (from: string, to: string) =>
  promoteFunction(client, await readPromotionSource(client, NAME, from), spec(to), {
    alias: to,
    smokeEvent: {},
  });
const servedConfig = async (alias: string) => {
  const { FunctionVersion } = await client.send(new GetAliasCommand({ FunctionName: NAME, Name: alias }));
  return client.send(new GetFunctionConfigurationCommand({ FunctionName: NAME, Qualifier: FunctionVersion }));
};

describe("promote --from ci --to prod", () => {
  it("refuses a stage with no alias: nothing was tested there", async () => {
    await deploy("dev", "dev's code");
    await expect(readPromotionSource(client, NAME, "ci")).rejects.toThrow(
      `${NAME} has no alias ci: nothing was tested on ci. Deploy to ci first.`,
    );
  });

  it("publishes ci's tested code with prod's role and bucket: the same CodeSha256", async () => {
    const tested = await deploy("ci", "A");
    expect(tested.rolledBack).toBe(false);
    const outcome = await promote("ci", "prod");
    expect(outcome).toMatchObject({ changed: true, rolledBack: false, codeSha256: tested.codeSha256 });

    const [ci, prod] = [await servedConfig("ci"), await servedConfig("prod")];
    expect(prod.Version).toBe(outcome.version);
    expect(prod.CodeSha256).toBe(ci.CodeSha256);
    expect(prod.Role).toBe(spec("prod").role);
    expect(prod.Environment?.Variables?.DATA_BUCKET).toBe("holonet-prod-data");
    expect(prod.Description).toBe(
      `A function of the promotion flow [holonet stage=prod from=ci:${tested.version}]`,
    );
  });

  it("says no change when prod already serves ci's code", async () => {
    const again = await promote("ci", "prod");
    expect(again).toMatchObject({ changed: false, rolledBack: false });
    expect(again.version).toBe((await servedConfig("prod")).Version);
  });

  it("shows the promotion in prod's history", async () => {
    const ci = (await servedConfig("ci")).Version ?? "";
    const { current, entries } = await releaseHistory(client, NAME, "prod");
    expect(current).toMatchObject({
      stage: "prod",
      origin: "deploy",
      promotedFrom: { stage: "ci", version: ci },
    });
    expect(entries.map((entry) => entry.version)).toEqual([current.version]);
    expect(historyLine(current)).toContain(`made for prod, promoted from ci version ${ci}`);
  });

  it("refuses a version pnpm dev published", async () => {
    const hot = await publishFunction(client, spec("dev"), zip("hot"), { alias: "dev", origin: "pnpm-dev" });
    await expect(readPromotionSource(client, NAME, "dev")).rejects.toThrow(
      `Nothing promoted: ${NAME}:dev serves version ${hot.version}, which pnpm dev published`,
    );
  });

  it("refuses a version whose smoke test failed, even when the alias was left on it", async () => {
    const failed = await deploy("ci", "B", true);
    expect(failed.rolledBack).toBe(true);
    // As an interrupted deploy leaves it: the alias on the new version, the smoke test never passed.
    await client.send(
      new UpdateAliasCommand({ FunctionName: NAME, Name: "ci", FunctionVersion: failed.version }),
    );
    await expect(readPromotionSource(client, NAME, "ci")).rejects.toThrow(
      `${NAME}:ci serves version ${failed.version}, which never passed its smoke test on ci`,
    );
  });

  it("refuses a version another stage's deploy made", async () => {
    const prod = (await servedConfig("prod")).Version ?? "";
    await client.send(new UpdateAliasCommand({ FunctionName: NAME, Name: "ci", FunctionVersion: prod }));
    await expect(readPromotionSource(client, NAME, "ci")).rejects.toThrow(
      `${NAME}:ci serves version ${prod}, which was made for prod`,
    );
  });
});

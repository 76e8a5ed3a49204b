import {
  DeleteAliasCommand,
  GetAliasCommand,
  type LambdaClient,
  UpdateAliasCommand,
} from "@aws-sdk/client-lambda";
import type { FunctionSpec } from "./function-spec";
import { type PublishOutcome, publishFunction } from "./publish-function";
import { aliasHistory, historyDescription, type PromotedFrom } from "./release-record";
import { smokeTest } from "./smoke-test";

/** Writes the version at the head of the alias's history: it served the stage and passed its smoke test. */
async function recordLive(client: LambdaClient, name: string, alias: string, version: string) {
  const current = await client.send(new GetAliasCommand({ FunctionName: name, Name: alias }));
  const history = aliasHistory(current.Description).filter((each) => each !== version);
  await client.send(
    new UpdateAliasCommand({
      FunctionName: name,
      Name: alias,
      FunctionVersion: version,
      Description: historyDescription([version, ...history]),
    }),
  );
}

export interface DeployOutcome extends PublishOutcome {
  smoke: { ok: boolean; detail: string } | "skipped";
  /** True when the smoke test failed and the alias went back to where it was. */
  rolledBack: boolean;
}

/**
 * Publishes a function and moves the stage alias, then smoke-tests the alias with the service's own sample
 * event. A failing smoke test moves the alias back (or removes a new one), so the stage keeps serving what
 * it served before; the new version stays published for a look.
 */
export async function deployFunction(
  client: LambdaClient,
  spec: FunctionSpec,
  zip: Uint8Array,
  options: {
    alias: string;
    smokeEvent: unknown;
    onStep?: (message: string) => void;
    promotedFrom?: PromotedFrom;
  },
): Promise<DeployOutcome> {
  const say = options.onStep ?? (() => {});
  const published = await publishFunction(client, spec, zip, options);
  if (!published.changed) return { ...published, smoke: "skipped", rolledBack: false };

  say(`smoke-testing ${spec.name}:${options.alias}`);
  const smoke = await smokeTest(client, spec.name, options.alias, options.smokeEvent).catch(
    (error: unknown) => ({
      ok: false,
      detail: (error as Error).message,
    }),
  );
  // The reason first, then what is done about it.
  say(`smoke test ${smoke.ok ? "passed" : "FAILED"}: ${smoke.detail}`);
  if (smoke.ok) {
    await recordLive(client, spec.name, options.alias, published.version);
    return { ...published, smoke, rolledBack: false };
  }

  const target = { FunctionName: spec.name, Name: options.alias };
  if (published.previousVersion) {
    say(`moving ${options.alias} back to version ${published.previousVersion}`);
    await client.send(new UpdateAliasCommand({ ...target, FunctionVersion: published.previousVersion }));
  } else {
    say(`removing the new alias ${options.alias}`);
    await client.send(new DeleteAliasCommand(target));
  }
  return { ...published, smoke, rolledBack: true };
}

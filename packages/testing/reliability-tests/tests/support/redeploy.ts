import {
  GetFunctionConfigurationCommand,
  type LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import { zipSync } from "fflate";

/** Publishes the function's current code and configuration as a new version and moves `alias` to it. */
async function publishAndMove(client: LambdaClient, functionName: string, alias: string) {
  await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 30 }, { FunctionName: functionName });
  const { Version } = await client.send(new PublishVersionCommand({ FunctionName: functionName }));
  await client.send(
    new UpdateAliasCommand({ FunctionName: functionName, Name: alias, FunctionVersion: Version }),
  );
}

/** Gives the function the same code with some environment variables changed, and serves it at `alias`. */
export async function redeployWithEnvironment(
  client: LambdaClient,
  target: { name: string; alias: string },
  changes: Record<string, string>,
): Promise<void> {
  const current = await client.send(new GetFunctionConfigurationCommand({ FunctionName: target.name }));
  await client.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: target.name,
      Environment: { Variables: { ...current.Environment?.Variables, ...changes } },
    }),
  );
  await publishAndMove(client, target.name, target.alias);
}

/** Replaces the function's code with `source` as its handler module, and serves it at `alias`. */
export async function redeployWithSource(
  client: LambdaClient,
  target: { name: string; alias: string },
  source: string,
): Promise<void> {
  const current = await client.send(new GetFunctionConfigurationCommand({ FunctionName: target.name }));
  const module = (current.Handler ?? "handler.handler").split(".")[0];
  await client.send(
    new UpdateFunctionCodeCommand({
      FunctionName: target.name,
      ZipFile: zipSync({ [`${module}.mjs`]: new TextEncoder().encode(source) }),
    }),
  );
  await publishAndMove(client, target.name, target.alias);
}

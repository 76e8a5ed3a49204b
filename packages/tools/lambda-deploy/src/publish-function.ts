import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  type LambdaClient,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import { codeSha256 } from "./bundle-zip";
import type { FunctionSpec } from "./function-spec";
import { type DeployedState, describeStep, type PublishStep, planPublish } from "./publish-plan";
import { type Origin, type PromotedFrom, versionDescription } from "./release-record";

export type { FunctionSpec } from "./function-spec";

export interface PublishOutcome {
  /** The version the alias points at now. */
  version: string;
  /** The version it pointed at before, if any. */
  previousVersion?: string;
  /** False when the alias already served this code and configuration: nothing was published. */
  changed: boolean;
  codeSha256: string;
  codeSize: number;
}

/** Waiters poll; a local Lambda answers at once, AWS within seconds. */
const WAIT = { minDelay: 1, maxDelay: 5, maxWaitTime: 300 };

const notFoundAsUndefined = (error: unknown) => {
  if (error instanceof ResourceNotFoundException) return undefined;
  throw error;
};

/** Reads what Lambda holds for the function and the alias; changes nothing. */
export async function readDeployedState(
  client: LambdaClient,
  name: string,
  alias: string,
): Promise<DeployedState> {
  const latest = await client
    .send(new GetFunctionConfigurationCommand({ FunctionName: name }))
    .catch(notFoundAsUndefined);
  if (!latest) return {};
  const aliasNow = await client
    .send(new GetAliasCommand({ FunctionName: name, Name: alias }))
    .catch(notFoundAsUndefined);
  if (!aliasNow?.FunctionVersion) return { latest };
  const config = await client.send(
    new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: aliasNow.FunctionVersion }),
  );
  return { latest, alias: { version: aliasNow.FunctionVersion, config } };
}

/** The plan for a deploy, without doing it: for --dry-run. */
export async function planFunction(client: LambdaClient, spec: FunctionSpec, zip: Uint8Array, alias: string) {
  const state = await readDeployedState(client, spec.name, alias);
  return { state, steps: planPublish(state, spec, codeSha256(zip)) };
}

const configurationOf = (spec: FunctionSpec) => ({
  FunctionName: spec.name,
  Description: spec.description,
  Runtime: spec.runtime,
  Handler: spec.handler,
  Role: spec.role,
  MemorySize: spec.memoryMb,
  Timeout: spec.timeoutSeconds,
  Environment: { Variables: spec.environment },
  // Text: the services write their own JSON lines, and the EMF lines must reach CloudWatch as they are.
  LoggingConfig: { LogFormat: "Text" as const, LogGroup: spec.logGroup },
  TracingConfig: { Mode: spec.tracing },
});

/**
 * Ships one function: creates it or updates its code and configuration ($LATEST), waits until Lambda has
 * applied them, publishes a version and points the alias at it. When the alias already serves the same
 * code (by CodeSha256) and configuration, it changes nothing and says so.
 */
export async function publishFunction(
  client: LambdaClient,
  spec: FunctionSpec,
  zip: Uint8Array,
  options: {
    alias: string;
    onStep?: (message: string) => void;
    /** Who publishes: a deploy, or pnpm dev; the version's description records it with the stage. */
    origin?: Origin;
    /** For a promotion: the stage and version whose code this is, recorded in the version's description. */
    promotedFrom?: PromotedFrom;
  },
): Promise<PublishOutcome> {
  const say = options.onStep ?? (() => {});
  const { state, steps } = await planFunction(client, spec, zip, options.alias);
  const base = { codeSha256: codeSha256(zip), codeSize: zip.length };
  const previousVersion = state.alias?.version;
  const waiter = { client, ...WAIT };

  if (spec.reservedConcurrency !== undefined && state.latest) await putConcurrency(client, spec);
  if (steps.length === 0) {
    say(
      `${spec.name}:${options.alias} already serves this code and configuration (version ${previousVersion})`,
    );
    return {
      ...base,
      version: previousVersion ?? "",
      ...(previousVersion && { previousVersion }),
      changed: false,
    };
  }

  let version = "";
  for (const step of steps) {
    say(describeStep(step, spec, options.alias));
    version = (await runStep(client, step, spec, zip, options, version, waiter)) ?? version;
  }
  if (spec.reservedConcurrency !== undefined && !state.latest) await putConcurrency(client, spec);
  return { ...base, version, ...(previousVersion && { previousVersion }), changed: true };
}

const putConcurrency = (client: LambdaClient, spec: FunctionSpec) =>
  client.send(
    new PutFunctionConcurrencyCommand({
      FunctionName: spec.name,
      ReservedConcurrentExecutions: spec.reservedConcurrency,
    }),
  );

/** Does one step; answers the version number when the step published one. */
async function runStep(
  client: LambdaClient,
  step: PublishStep,
  spec: FunctionSpec,
  zip: Uint8Array,
  options: { alias: string; origin?: Origin; promotedFrom?: PromotedFrom },
  version: string,
  waiter: { client: LambdaClient } & typeof WAIT,
): Promise<string | undefined> {
  const { alias } = options;
  switch (step.kind) {
    case "create-function":
      await client.send(
        new CreateFunctionCommand({ ...configurationOf(spec), Code: { ZipFile: zip }, Publish: false }),
      );
      await waitUntilFunctionActiveV2(waiter, { FunctionName: spec.name });
      return;
    case "update-code":
      await client.send(new UpdateFunctionCodeCommand({ FunctionName: spec.name, ZipFile: zip }));
      await waitUntilFunctionUpdatedV2(waiter, { FunctionName: spec.name });
      return;
    case "update-configuration":
      await client.send(new UpdateFunctionConfigurationCommand(configurationOf(spec)));
      await waitUntilFunctionUpdatedV2(waiter, { FunctionName: spec.name });
      return;
    case "publish-version": {
      const published = await client.send(
        new PublishVersionCommand({
          FunctionName: spec.name,
          CodeSha256: codeSha256(zip),
          Description: versionDescription(
            spec.description,
            alias,
            options.origin ?? "deploy",
            options.promotedFrom,
          ),
        }),
      );
      return published.Version;
    }
    case "create-alias":
      await client.send(
        new CreateAliasCommand({ FunctionName: spec.name, Name: alias, FunctionVersion: version }),
      );
      return;
    case "move-alias":
      await client.send(
        new UpdateAliasCommand({ FunctionName: spec.name, Name: alias, FunctionVersion: version }),
      );
      return;
  }
}

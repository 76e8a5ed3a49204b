import {
  CreateAliasCommand,
  CreateFunctionCommand,
  type FunctionConfiguration,
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  type LambdaClient,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  ResourceNotFoundException,
  type Runtime,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import { codeSha256 } from "./bundle-zip";

/** What a function is to Lambda: its name and configuration, from the application definition. */
export interface FunctionSpec {
  name: string;
  description: string;
  runtime: Runtime;
  handler: string;
  role: string;
  memoryMb: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
  reservedConcurrency?: number;
}

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

/** True when Lambda's configuration already says what the spec says. */
export function configurationMatches(config: FunctionConfiguration, spec: FunctionSpec): boolean {
  const environment = config.Environment?.Variables ?? {};
  return (
    config.Runtime === spec.runtime &&
    config.Handler === spec.handler &&
    config.Role === spec.role &&
    config.MemorySize === spec.memoryMb &&
    config.Timeout === spec.timeoutSeconds &&
    (config.Description ?? "") === spec.description &&
    JSON.stringify(Object.entries(environment).sort()) ===
      JSON.stringify(Object.entries(spec.environment).sort())
  );
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
  options: { alias: string; onStep?: (message: string) => void },
): Promise<PublishOutcome> {
  const step = options.onStep ?? (() => {});
  const sha = codeSha256(zip);
  const base = { codeSha256: sha, codeSize: zip.length };
  const waiterClient = { client, ...WAIT };

  const latest = await client
    .send(new GetFunctionConfigurationCommand({ FunctionName: spec.name }))
    .catch(notFoundAsUndefined);
  if (!latest) {
    step(`creating function ${spec.name}`);
    await client.send(
      new CreateFunctionCommand({ ...configurationOf(spec), Code: { ZipFile: zip }, Publish: false }),
    );
    await waitUntilFunctionActiveV2(waiterClient, { FunctionName: spec.name });
  } else {
    if (latest.CodeSha256 !== sha) {
      step(`updating code of ${spec.name}`);
      await client.send(new UpdateFunctionCodeCommand({ FunctionName: spec.name, ZipFile: zip }));
      await waitUntilFunctionUpdatedV2(waiterClient, { FunctionName: spec.name });
    }
    if (!configurationMatches(latest, spec)) {
      step(`updating configuration of ${spec.name}`);
      await client.send(new UpdateFunctionConfigurationCommand(configurationOf(spec)));
      await waitUntilFunctionUpdatedV2(waiterClient, { FunctionName: spec.name });
    }
  }
  if (spec.reservedConcurrency !== undefined) {
    await client.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: spec.name,
        ReservedConcurrentExecutions: spec.reservedConcurrency,
      }),
    );
  }

  const alias = await client
    .send(new GetAliasCommand({ FunctionName: spec.name, Name: options.alias }))
    .catch(notFoundAsUndefined);
  const previousVersion = alias?.FunctionVersion;
  if (previousVersion) {
    const served = await client.send(
      new GetFunctionConfigurationCommand({ FunctionName: spec.name, Qualifier: previousVersion }),
    );
    if (served.CodeSha256 === sha && configurationMatches(served, spec)) {
      step(
        `${spec.name}:${options.alias} already serves this code (version ${previousVersion}); nothing to publish`,
      );
      return { ...base, version: previousVersion, previousVersion, changed: false };
    }
  }

  step(`publishing a version of ${spec.name}`);
  const published = await client.send(
    new PublishVersionCommand({ FunctionName: spec.name, CodeSha256: sha }),
  );
  const version = published.Version ?? "";
  step(
    `moving alias ${options.alias} to version ${version}${previousVersion ? ` (was ${previousVersion})` : ""}`,
  );
  const aliasTarget = { FunctionName: spec.name, Name: options.alias, FunctionVersion: version };
  if (alias) await client.send(new UpdateAliasCommand(aliasTarget));
  else await client.send(new CreateAliasCommand(aliasTarget));
  return { ...base, version, ...(previousVersion && { previousVersion }), changed: true };
}

import type { FunctionIdentity } from "./lambda-context";

export interface EnvironmentInput {
  identity: FunctionIdentity;
  /** Lambda's runtime identifier, e.g. nodejs24.x. */
  runtime: string;
  memoryMb: number;
  taskRoot: string;
  handler: string;
  logStreamName: string;
  logGroupName: string;
  /** The function's own variables, from its configuration; they win over Lambda's. */
  environment: Record<string, string>;
}

/**
 * An instance's environment: the variables Lambda sets in every function, the function's own, and the
 * caller's AWS_* settings (endpoints, credentials, region), which stand in for the execution role.
 */
export function lambdaEnvironment(input: EnvironmentInput): Record<string, string> {
  const { identity } = input;
  const passThrough = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[0].startsWith("AWS_") && entry[1] !== undefined,
  );
  return {
    ...Object.fromEntries(passThrough),
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    TZ: ":UTC",
    LANG: "en_US.UTF-8",
    AWS_REGION: identity.region,
    AWS_DEFAULT_REGION: identity.region,
    // The runner reads it to apply its runtime's rules, as function code may to learn where it runs.
    AWS_EXECUTION_ENV: `AWS_Lambda_${input.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: identity.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: identity.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(input.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: input.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: input.logStreamName,
    LAMBDA_TASK_ROOT: input.taskRoot,
    _HANDLER: input.handler,
    ...input.environment,
  };
}

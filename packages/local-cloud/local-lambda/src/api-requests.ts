import { findRuntimeNode, RuntimeUnavailableError } from "@holonet/lambda-runtime/node-runtimes";
import * as z from "zod";
import { invalidParameter } from "./api-errors";

// Request bodies of the operations this service speaks, with Lambda's own bounds. Fields the SDK may
// send that the local service does not use (VpcConfig, Tags, ...) are accepted and ignored.

// Which runtimes are accepted is refuseRuntime's to say, in Lambda's own words.
const Runtime = z.string().min(1);
const Role = z.string().regex(/^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/);
const Handler = z
  .string()
  .max(128)
  .regex(/^[^\s]+$/);
const Description = z.string().max(256);
const Timeout = z.number().int().min(1).max(900);
const MemorySize = z.number().int().min(128).max(10240);
const Environment = z.object({ Variables: z.record(z.string(), z.string()).optional() });
const Architectures = z.array(z.enum(["x86_64", "arm64"])).length(1);
const ZipFile = z.base64().min(1);
const RevisionId = z.string().optional();
// https://docs.aws.amazon.com/lambda/latest/api/API_LoggingConfig.html; the local runtime writes Text logs.
const LoggingConfig = z.object({
  LogFormat: z.literal("Text", "the local Lambda service writes Text logs only").optional(),
  LogGroup: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[.\-_/#A-Za-z0-9]+$/)
    .optional(),
});
const TracingConfig = z.object({ Mode: z.enum(["Active", "PassThrough"]).optional() });

/** The settings CreateFunction and UpdateFunctionConfiguration both take, each optional. */
const OptionalSettings = {
  Description: Description.optional(),
  Timeout: Timeout.optional(),
  MemorySize: MemorySize.optional(),
  Environment: Environment.optional(),
  LoggingConfig: LoggingConfig.optional(),
  TracingConfig: TracingConfig.optional(),
};

export const CreateFunctionRequest = z.object({
  FunctionName: z.string().min(1).max(170),
  Runtime,
  Role,
  Handler,
  Code: z.object({ ZipFile: ZipFile.optional(), S3Bucket: z.string().optional() }),
  ...OptionalSettings,
  Publish: z.boolean().optional(),
  PackageType: z.literal("Zip").optional(),
  Architectures: Architectures.optional(),
});

export const UpdateFunctionCodeRequest = z.object({
  ZipFile: ZipFile.optional(),
  S3Bucket: z.string().optional(),
  Publish: z.boolean().optional(),
  DryRun: z.boolean().optional(),
  RevisionId,
  Architectures: Architectures.optional(),
});

export const UpdateFunctionConfigurationRequest = z.object({
  Runtime: Runtime.optional(),
  Role: Role.optional(),
  Handler: Handler.optional(),
  ...OptionalSettings,
  RevisionId,
});

export const PublishVersionRequest = z.object({
  CodeSha256: z.string().optional(),
  Description: Description.optional(),
  RevisionId,
});

const AliasName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/);
const FunctionVersion = z.string().regex(/^(\$LATEST|[0-9]+)$/);
const RoutingConfig = z.object({
  AdditionalVersionWeights: z.record(z.string().regex(/^[0-9]+$/), z.number().min(0).max(1)).optional(),
});

export const CreateAliasRequest = z.object({
  Name: AliasName,
  FunctionVersion,
  Description: Description.optional(),
  RoutingConfig: RoutingConfig.optional(),
});

export const UpdateAliasRequest = z.object({
  FunctionVersion: FunctionVersion.optional(),
  Description: Description.optional(),
  RoutingConfig: RoutingConfig.optional(),
  RevisionId,
});

export const PutFunctionConcurrencyRequest = z.object({
  ReservedConcurrentExecutions: z.number().int().min(0),
});

/**
 * Variables Lambda sets itself, which a function's configuration may not set: "cannot be set in your function
 * configuration" (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 * Among them the execution role's credentials, so no configuration can give a function other ones.
 */
const RESERVED_VARIABLES = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
]);

/** Refuses a configuration that sets a reserved variable, with Lambda's own words. */
export function refuseReservedVariables(variables: Record<string, string> | undefined): void {
  const reserved = Object.keys(variables ?? {}).filter((name) => RESERVED_VARIABLES.has(name));
  if (reserved.length > 0)
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(", ")}`,
    );
}

/**
 * The oldest Node.js major Lambda still lets a function be created or updated with: AWS blocks both for
 * nodejs20.x and every older Node.js runtime (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html).
 */
const OLDEST_OPEN_NODE_MAJOR = 22;

/** Lambda's Node.js runtime identifiers, old and new: nodejs, nodejs4.3, nodejs4.3-edge, nodejs8.10, nodejs20.x. */
const NODE_RUNTIME = /^nodejs(?:(\d+)\.(?:\d+|x))?(?:-edge)?$/;

/**
 * Refuses a runtime as Lambda does at CreateFunction and at any update of a function (a blocked runtime), or
 * one that this machine cannot run (no Node.js build for it here), which no function here may be given.
 */
export function refuseRuntime(runtime: string): void {
  const node = NODE_RUNTIME.exec(runtime);
  if (node && Number(node[1] ?? 0) < OLDEST_OPEN_NODE_MAJOR)
    throw invalidParameter(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
    );
  const found = findRuntimeNode(runtime);
  if (found instanceof RuntimeUnavailableError) throw invalidParameter(found.message);
}

/** Parses a request body, answering a mismatch as Lambda does: InvalidParameterValueException. */
export function parseRequest<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `Value at '${issue.path.join(".") || "body"}' failed to satisfy constraint: ${issue.message}`,
  );
  throw invalidParameter(`${issues.length} validation error(s) detected: ${issues.join("; ")}`);
}

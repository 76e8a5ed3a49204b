import { qualifiedArn, unqualifiedArn } from "./function-names";
import { type AliasRecord, type FunctionRecord, logGroupOf, type VersionRecord } from "./function-store";

/** A version as Lambda's FunctionConfiguration; $LATEST has the unqualified ARN unless `qualify` is set. */
export function functionConfiguration(
  region: string,
  fn: FunctionRecord,
  record: VersionRecord,
  qualify = false,
): Record<string, unknown> {
  const { settings } = record;
  const arn =
    record.version === "$LATEST" && !qualify
      ? unqualifiedArn(region, fn.name)
      : qualifiedArn(region, fn.name, record.version);
  return {
    FunctionName: fn.name,
    FunctionArn: arn,
    Runtime: settings.runtime,
    Role: settings.role,
    Handler: settings.handler,
    CodeSize: record.code.size,
    CodeSha256: record.code.sha256,
    Description: settings.description,
    Timeout: settings.timeout,
    MemorySize: settings.memorySize,
    LastModified: record.lastModified,
    Version: record.version,
    ...(Object.keys(settings.environment).length > 0 && { Environment: { Variables: settings.environment } }),
    TracingConfig: { Mode: settings.tracingMode ?? "PassThrough" },
    RevisionId: record.revisionId,
    State: "Active",
    LastUpdateStatus: "Successful",
    PackageType: "Zip",
    Architectures: settings.architectures,
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    LoggingConfig: { LogFormat: "Text", LogGroup: logGroupOf(fn.name, settings) },
  };
}

export const aliasConfiguration = (region: string, fn: FunctionRecord, alias: AliasRecord) => ({
  AliasArn: qualifiedArn(region, fn.name, alias.name),
  Name: alias.name,
  FunctionVersion: alias.functionVersion,
  Description: alias.description,
  RevisionId: alias.revisionId,
  ...(alias.additionalVersionWeights && {
    RoutingConfig: { AdditionalVersionWeights: alias.additionalVersionWeights },
  }),
});

/** Lambda's LastModified: ISO 8601 with milliseconds and a +0000 offset. */
export const lastModifiedNow = () => new Date().toISOString().replace("Z", "+0000");

import { type LambdaClient, ListAliasesCommand, ListVersionsByFunctionCommand } from "@aws-sdk/client-lambda";
import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { BucketInfo, DashboardSource, FunctionInfo } from "@holonet/local-dashboard/dashboard-api";
import type { CostMeter } from "./cost-meter";
import type { Telemetry } from "./telemetry/telemetry";

/** The dashboard lists this many objects of a bucket; a bucket that holds more says so. */
const OBJECTS_SHOWN = 50;

/**
 * The dashboard's data: what the telemetry saw, and the functions' versions and aliases and the buckets'
 * objects read through the Lambda and S3 APIs with the SDK, as a console on AWS would read them.
 */
export function dashboardSource(input: {
  telemetry: Telemetry;
  cost: CostMeter;
  lambda: LambdaClient;
  s3: S3Client;
  functionNames: readonly string[];
  bucketNames: readonly string[];
}): DashboardSource {
  const { telemetry, cost, lambda, s3 } = input;
  return {
    metrics: () => telemetry.metrics(),
    invocations: (limit) => telemetry.invocations(limit),
    invocation: (requestId) => telemetry.invocation(requestId),
    cost: () => cost.snapshot(),
    functions: () =>
      Promise.all(
        input.functionNames.map(async (functionName): Promise<FunctionInfo> => {
          const [versions, aliases] = await Promise.all([
            lambda.send(new ListVersionsByFunctionCommand({ FunctionName: functionName })),
            lambda.send(new ListAliasesCommand({ FunctionName: functionName })),
          ]);
          return {
            functionName,
            versions: (versions.Versions ?? []).map((each) => ({
              version: each.Version ?? "",
              codeSha256: each.CodeSha256 ?? "",
              lastModified: each.LastModified ?? "",
              description: each.Description ?? "",
            })),
            aliases: (aliases.Aliases ?? []).map((each) => ({
              name: each.Name ?? "",
              functionVersion: each.FunctionVersion ?? "",
            })),
          };
        }),
      ),
    buckets: async () =>
      (
        await Promise.all(
          input.bucketNames.map(async (name): Promise<BucketInfo[]> => {
            const listing = await s3
              .send(new ListObjectsV2Command({ Bucket: name, MaxKeys: OBJECTS_SHOWN }))
              .catch((error: { name?: string }) => {
                // A stage whose stack was deleted has no web bucket: not listed, as a console would not list it.
                if (error.name === "NoSuchBucket") return undefined;
                throw error;
              });
            if (!listing) return [];
            return [
              {
                name,
                objects: (listing.Contents ?? []).map((each) => ({
                  key: each.Key ?? "",
                  size: each.Size ?? 0,
                  lastModified: each.LastModified?.toISOString() ?? "",
                })),
                truncated: listing.IsTruncated === true,
              },
            ];
          }),
        )
      ).flat(),
  };
}

import path from "node:path";
import {
  BUCKETS,
  bucketName,
  FUNCTIONS,
  type FunctionName,
  functionEnvironment,
  functionName,
  RUNTIME,
} from "@holonet/infra/app-definition";
import type { LocalCredentials } from "@holonet/local-auth/local-credentials";
import { LOCAL_REGION, localS3Environment, startTemporaryS3 } from "@holonet/local-s3/local-s3";
import type { BundleFunction } from "./invoke-bundle";

/** A service's built bundle as a function to invoke, configured from the application definition. */
export function serviceFunction(root: string, service: FunctionName, stage: string): BundleFunction {
  const definition = FUNCTIONS[service];
  return {
    functionName: functionName(service),
    functionVersion: "$LATEST",
    runtime: RUNTIME,
    memoryMb: definition.memoryMb,
    region: process.env.AWS_REGION ?? LOCAL_REGION,
    taskRoot: path.join(root, definition.directory, "dist"),
    handler: definition.handler,
    timeoutSeconds: definition.timeoutSeconds,
    environment: functionEnvironment(service, stage),
  };
}

/** The buckets a service touches, named for the stage. */
export const bucketsUsedBy = (services: FunctionName[], stage: string) =>
  [...new Set(services.flatMap((service) => FUNCTIONS[service].uses.map((use) => use.bucket)))].map(
    (bucket) => ({
      name: bucketName(bucket, stage),
      ...(BUCKETS[bucket].website && { website: BUCKETS[bucket].website }),
    }),
  );

export interface ServiceOnLocalS3 {
  /** The service's function, its environment pointing the SDK at the local S3. */
  fn: BundleFunction;
  /** The service's data bucket in the stage, created empty. */
  bucket: string;
  /** The local S3: where it answers, and the credentials it takes (`localS3ClientConfig(local)`). */
  endpoint: string;
  credentials: LocalCredentials;
  close(): Promise<void>;
}

/** A service's bundle with a fresh temporary local S3 holding the buckets it uses: for its tests. */
export async function startServiceOnLocalS3(
  root: string,
  service: FunctionName,
  stage = "dev",
): Promise<ServiceOnLocalS3> {
  const fn = serviceFunction(root, service, stage);
  const s3 = await startTemporaryS3(bucketsUsedBy([service], stage));
  return {
    fn: {
      ...fn,
      environment: { ...fn.environment, ...localS3Environment(s3.endpoint, s3.credentials.functionRole) },
    },
    bucket: fn.environment.DATA_BUCKET ?? "",
    endpoint: s3.endpoint,
    credentials: s3.credentials,
    close: s3.close,
  };
}

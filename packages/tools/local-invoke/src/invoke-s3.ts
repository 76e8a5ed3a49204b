import path from "node:path";
import type { FunctionName } from "@holonet/infra/app-definition";
import { loadOrCreateCredentials } from "@holonet/local-auth/local-credentials";
import { localS3Environment, startLocalS3 } from "@holonet/local-s3/local-s3";
import { readRunningCloud } from "./running-cloud";
import { bucketsUsedBy } from "./service-function";

export interface InvokeS3 {
  /** Which S3 the functions use, for a line on stderr; undefined when they use none. */
  description?: string;
  close(): Promise<void>;
}

/** invoke's own S3 folder: apart from the local cloud's (.holonet/s3), which its s3rver may be serving now. */
export const invokeS3Directory = (root: string) => path.join(root, ".holonet", "invoke-s3");

/**
 * Points the functions' SDK at the S3 they should use, through the environment they inherit: invoke's own
 * local S3 (the default), the running local cloud's (`cloud`), or whatever the environment already names
 * (`aws`, or AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL set).
 */
export async function startInvokeS3(options: {
  root: string;
  services: FunctionName[];
  stage: string;
  use: "own" | "cloud" | "aws";
  /** The running cloud's data folder, for `cloud`. */
  dataDir: string;
}): Promise<InvokeS3> {
  const buckets = bucketsUsedBy(options.services, options.stage);
  const none: InvokeS3 = { close: async () => {} };
  if (buckets.length === 0 || options.use === "aws") return none;
  if (options.use === "cloud") {
    const cloud = await readRunningCloud(options.dataDir);
    const credentials = loadOrCreateCredentials(options.dataDir);
    // The function runs with the role's credentials, as the cloud's own functions do.
    Object.assign(process.env, localS3Environment(cloud.s3, credentials.functionRole));
    return { ...none, description: `the running local cloud's, ${cloud.s3} (--cloud)` };
  }
  const endpoint = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  if (endpoint) return { ...none, description: `${endpoint}, from the environment` };
  const directory = invokeS3Directory(options.root);
  const s3 = await startLocalS3({
    directory,
    buckets,
    credentials: loadOrCreateCredentials(path.join(options.root, ".holonet")),
  });
  Object.assign(process.env, localS3Environment(s3.endpoint, s3.credentials.functionRole));
  return {
    description: `invoke's own local S3, objects in ${path.relative(process.cwd(), directory)}/ (--cloud for the running cloud's)`,
    close: s3.close,
  };
}

import { fileURLToPath } from "node:url";
import { localS3Environment } from "@holonet/local-s3/local-s3";
import { type LoadResult, runLoadChild } from "./load";

export interface SdkGetOptions {
  bucket: string;
  key: string;
  connections: number;
  durationSeconds: number;
}

const CHILD = fileURLToPath(new URL("./sdk-get-child.ts", import.meta.url));

/**
 * One run of floor (b): GetObject through the real SDK from a process of its own (sdk-get-child.ts), with
 * the environment a function of the local cloud gets for S3 (its endpoint, the execution role's
 * credentials, the region, the checksum settings).
 */
export function runSdkGetLoad(
  s3: { endpoint: string; credential: Parameters<typeof localS3Environment>[1] },
  options: SdkGetOptions,
): Promise<LoadResult> {
  const env = {
    PATH: process.env.PATH,
    ...localS3Environment(s3.endpoint, s3.credential),
    // Lambda runs the functions on nodejs24.x; this process is the bench's Node 20, of which the SDK warns.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  return runLoadChild(CHILD, options, options.durationSeconds, env);
}

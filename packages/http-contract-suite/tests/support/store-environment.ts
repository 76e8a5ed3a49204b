import { LOCAL_REGION, LOCAL_S3_CREDENTIALS } from "@holonet/local-s3/local-s3";
import { gcsEnvironment } from "@holonet/platform-adapters/s3-elsewhere";

export const BUCKET = "holonet-contract-data";

/**
 * The store services' configuration for Cloud Storage (docs/platforms.md), with only the values that name
 * Google swapped for the local S3's: the same variables, so the suite tests that configuration path.
 */
export function storeEnvironment(s3Endpoint: string): Record<string, string> {
  return {
    ...gcsEnvironment({
      bucket: BUCKET,
      hmacAccessId: LOCAL_S3_CREDENTIALS.accessKeyId,
      hmacSecret: LOCAL_S3_CREDENTIALS.secretAccessKey,
      region: LOCAL_REGION,
    }),
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    LOG_LEVEL: "warn",
  };
}

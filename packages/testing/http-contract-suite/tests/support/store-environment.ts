import { LOCAL_REGION, type LocalS3 } from "@holonet/local-s3/local-s3";
import { gcsEnvironment } from "@holonet/platform-adapters/s3-elsewhere";

export const BUCKET = "holonet-contract-data";

/**
 * The store services' configuration for Cloud Storage (docs/platforms.md), with only the values that name
 * Google swapped for the local S3's: the same variables, so the suite tests that configuration path.
 */
export function storeEnvironment(s3: LocalS3): Record<string, string> {
  return {
    ...gcsEnvironment({
      bucket: BUCKET,
      hmacAccessId: s3.credentials.developer.accessKeyId,
      hmacSecret: s3.credentials.developer.secretAccessKey,
      region: LOCAL_REGION,
    }),
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    LOG_LEVEL: "warn",
  };
}

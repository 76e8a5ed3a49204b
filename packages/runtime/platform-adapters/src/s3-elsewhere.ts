import * as z from "@holonet/contracts/zod";

/**
 * What a store service needs off AWS, where no role hands the SDK its credentials and no default
 * endpoint is right: an S3-compatible endpoint and a key pair, read by the AWS SDK itself from the
 * environment (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html). No code changes.
 */
export const S3ElsewhereEnvironment = z.object({
  AWS_ENDPOINT_URL_S3: z
    .url()
    .check(z.describe("The S3-compatible endpoint: https://storage.googleapis.com for Cloud Storage.")),
  AWS_ACCESS_KEY_ID: z
    .string()
    .check(z.minLength(1), z.describe("An HMAC key's access id, for Cloud Storage.")),
  AWS_SECRET_ACCESS_KEY: z.string().check(z.minLength(1), z.describe("That HMAC key's secret.")),
  AWS_REGION: z.string().check(z.minLength(1), z.describe("The region the SDK signs requests for.")),
});

/** Cloud Storage's XML API, the S3-compatible one: https://cloud.google.com/storage/docs/interoperability */
export const GCS_XML_API_ENDPOINT = "https://storage.googleapis.com";

/**
 * The environment that points store-save and store-get at a Cloud Storage bucket through its XML API
 * (https://cloud.google.com/storage/docs/aws-simple-migration): the endpoint, an HMAC key
 * (https://cloud.google.com/storage/docs/authentication/hmackeys), a region to sign for, and checksums
 * only where an operation requires them, since the SDK's default CRC32 checksums (and aws-chunked uploads)
 * are S3's own and S3-compatible services refuse them (e.g. https://github.com/aws/aws-sdk-java-v2/issues/5987).
 */
export function gcsEnvironment(options: {
  bucket: string;
  hmacAccessId: string;
  hmacSecret: string;
  region: string;
}): Record<string, string> {
  return {
    DATA_BUCKET: options.bucket,
    AWS_ENDPOINT_URL_S3: GCS_XML_API_ENDPOINT,
    AWS_ACCESS_KEY_ID: options.hmacAccessId,
    AWS_SECRET_ACCESS_KEY: options.hmacSecret,
    AWS_REGION: options.region,
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
  };
}

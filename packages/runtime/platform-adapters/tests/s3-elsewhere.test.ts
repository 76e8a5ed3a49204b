import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { LOCAL_REGION, type LocalS3, startTemporaryS3 } from "@holonet/local-s3/local-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GCS_XML_API_ENDPOINT, gcsEnvironment, S3ElsewhereEnvironment } from "../src/s3-elsewhere";

const BUCKET = "holonet-gcs-path";
const gcs = gcsEnvironment({
  bucket: BUCKET,
  hmacAccessId: "GOOG1EXAMPLE",
  hmacSecret: "secret",
  region: "auto",
});
let s3: LocalS3;

beforeAll(async () => {
  s3 = await startTemporaryS3([{ name: BUCKET }]);
});
afterAll(() => s3.close());

describe("store services on Cloud Storage's XML API", () => {
  it("are configured by the environment alone: endpoint, HMAC key, region, checksums when required", () => {
    expect(gcs).toEqual({
      DATA_BUCKET: BUCKET,
      AWS_ENDPOINT_URL_S3: GCS_XML_API_ENDPOINT,
      AWS_ACCESS_KEY_ID: "GOOG1EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_REGION: "auto",
      AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
      AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
    });
    expect(S3ElsewhereEnvironment.safeParse(gcs).success).toBe(true);
  });

  it.each(Object.keys(S3ElsewhereEnvironment.shape))("refuses a configuration without %s", (name) => {
    const result = S3ElsewhereEnvironment.safeParse({ ...gcs, [name]: undefined });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([name]);
  });

  it("reach an S3-compatible store with the same variables, the endpoint swapped for a local S3", async () => {
    const saved = { ...process.env };
    // Only the values that name Google are swapped for the local S3's.
    Object.assign(process.env, gcs, {
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: s3.credentials.developer.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.developer.secretAccessKey,
    });
    // As the services build it: no settings in code, the SDK reads the environment.
    const client = new S3Client({});
    try {
      await client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: "quotes/x.json", Body: '{"quote":"Hm."}' }),
      );
      const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "quotes/x.json" }));
      expect(await object.Body?.transformToString()).toBe('{"quote":"Hm."}');
    } finally {
      client.destroy();
      process.env = saved;
    }
  });
});

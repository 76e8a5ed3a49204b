import { ListBucketsCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { bucketName } from "@holonet/infra/app-definition";
import type { LocalCredentials } from "@holonet/local-auth/local-credentials";
import { localS3ClientConfig } from "@holonet/local-s3/local-s3";

export const DATA_BUCKET = bucketName("data", "dev");

/** Every key in the data bucket and every bucket's name, read through the cloud's S3 endpoint as any client would. */
export async function readS3State(cloud: {
  s3: string;
  credentials: LocalCredentials;
}): Promise<{ buckets: string[]; dataKeys: string[] }> {
  const client = new S3Client(localS3ClientConfig({ endpoint: cloud.s3, credentials: cloud.credentials }));
  try {
    const buckets = (await client.send(new ListBucketsCommand({}))).Buckets?.map((each) => each.Name ?? "");
    const dataKeys: string[] = [];
    let token: string | undefined;
    // Bounded: 1,000 pages of 1,000 keys is far past any test's data.
    for (let page = 0; page < 1_000; page++) {
      const answer = await client.send(
        new ListObjectsV2Command({ Bucket: DATA_BUCKET, ContinuationToken: token }),
      );
      for (const object of answer.Contents ?? []) dataKeys.push(object.Key ?? "");
      token = answer.NextContinuationToken;
      if (!answer.IsTruncated || token === undefined) break;
    }
    return { buckets: (buckets ?? []).sort(), dataKeys: dataKeys.sort() };
  } finally {
    client.destroy();
  }
}

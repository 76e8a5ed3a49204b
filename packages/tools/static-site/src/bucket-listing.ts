import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

/** S3 answers at most 1000 keys a page. */
export const MAX_PAGE_SIZE = 1000;

/** Every object in the bucket, key -> ETag (quotes removed), following continuation tokens to the end. */
export async function listObjectETags(
  client: S3Client,
  bucket: string,
  pageSize: number = MAX_PAGE_SIZE,
): Promise<Map<string, string>> {
  const etags = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, MaxKeys: pageSize, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      if (object.Key) etags.set(object.Key, (object.ETag ?? "").replaceAll('"', ""));
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return etags;
}

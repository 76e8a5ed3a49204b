import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { newLocalCredentials } from "@holonet/local-auth/local-credentials";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localS3ClientConfig, localS3Environment, startLocalS3 } from "../src/local-s3";

const credentials = newLocalCredentials();
let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), "holonet-local-s3-"));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe("local S3", () => {
  it("keeps objects on disk across a restart", async () => {
    const first = await startLocalS3({ directory, credentials, buckets: [{ name: "keep" }] });
    const client = new S3Client(localS3ClientConfig(first));
    await client.send(new PutObjectCommand({ Bucket: "keep", Key: "a.txt", Body: "still here" }));
    client.destroy();
    await first.close();

    const second = await startLocalS3({ directory, credentials, buckets: [{ name: "keep" }] });
    const again = new S3Client(localS3ClientConfig(second));
    const object = await again.send(new GetObjectCommand({ Bucket: "keep", Key: "a.txt" }));
    expect(await object.Body?.transformToString()).toBe("still here");
    again.destroy();
    await second.close();
  });

  it("pages a listing with MaxKeys and a continuation token (s3rver's DES fault, patched)", async () => {
    const s3 = await startLocalS3({ directory, credentials, buckets: [{ name: "many" }] });
    const client = new S3Client(localS3ClientConfig(s3));
    for (let i = 0; i < 5; i++) {
      await client.send(new PutObjectCommand({ Bucket: "many", Key: `k${i}`, Body: String(i) }));
    }
    const first = await client.send(new ListObjectsV2Command({ Bucket: "many", MaxKeys: 2 }));
    expect(first.IsTruncated).toBe(true);
    const second = await client.send(
      new ListObjectsV2Command({
        Bucket: "many",
        MaxKeys: 2,
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(second.Contents?.map((o) => o.Key)).toEqual(["k2", "k3"]);
    client.destroy();
    await s3.close();
  });

  it("stores a streamed body as sent when checksums are only sent when required", async () => {
    const s3 = await startLocalS3({ directory, credentials, buckets: [{ name: "bytes" }] });
    const env = localS3Environment(s3.endpoint, credentials.functionRole);
    expect(env.AWS_REQUEST_CHECKSUM_CALCULATION).toBe("WHEN_REQUIRED");
    const client = new S3Client(localS3ClientConfig(s3));
    const body = Readable.from([Buffer.from("exactly these bytes")]);
    await client.send(new PutObjectCommand({ Bucket: "bytes", Key: "b", Body: body, ContentLength: 19 }));
    const object = await client.send(new GetObjectCommand({ Bucket: "bytes", Key: "b" }));
    expect(await object.Body?.transformToString()).toBe("exactly these bytes");
    client.destroy();
    await s3.close();
  });

  it("serves a website bucket's index document", async () => {
    const s3 = await startLocalS3({
      directory,
      credentials,
      buckets: [{ name: "site", website: { indexDocument: "index.html" } }],
    });
    const client = new S3Client(localS3ClientConfig(s3));
    await client.send(
      new PutObjectCommand({
        Bucket: "site",
        Key: "index.html",
        Body: "<h1>hi</h1>",
        ContentType: "text/html",
      }),
    );
    const website = createServer(s3.websiteHandler("site"));
    await new Promise<void>((resolve) => website.listen(0, "127.0.0.1", resolve));
    const { port } = website.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("<h1>hi</h1>");
    website.close();
    client.destroy();
    await s3.close();
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { newLocalCredentials } from "@holonet/local-auth/local-credentials";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LocalS3, localS3ClientConfig, startLocalS3 } from "../src/local-s3";

// The local S3 keeps what it read of an object's metadata; every change to the object must show at once.
const credentials = newLocalCredentials();
let directory: string;
let s3: LocalS3;
let client: S3Client;
beforeEach(async () => {
  directory = mkdtempSync(path.join(tmpdir(), "holonet-metadata-"));
  s3 = await startLocalS3({ directory, credentials, buckets: [{ name: "meta" }] });
  client = new S3Client(localS3ClientConfig(s3));
});
afterEach(async () => {
  client.destroy();
  await s3.close();
  rmSync(directory, { recursive: true, force: true });
});

const head = (Key: string) => client.send(new HeadObjectCommand({ Bucket: "meta", Key }));

describe("the local S3's object metadata", () => {
  it("answers a replaced object with its new ETag, type and content, read after read", async () => {
    await client.send(
      new PutObjectCommand({ Bucket: "meta", Key: "q", Body: "one", ContentType: "text/plain" }),
    );
    const first = await head("q");
    expect((await head("q")).ETag).toBe(first.ETag);
    await client.send(
      new PutObjectCommand({ Bucket: "meta", Key: "q", Body: '{"n":2}', ContentType: "application/json" }),
    );
    const second = await head("q");
    expect(second.ETag).not.toBe(first.ETag);
    expect(second.ContentType).toBe("application/json");
    expect(second.ContentLength).toBe(7);
    const object = await client.send(new GetObjectCommand({ Bucket: "meta", Key: "q" }));
    expect(await object.Body?.transformToString()).toBe('{"n":2}');
  });

  it("answers new metadata after a copy onto itself that replaces only the metadata", async () => {
    await client.send(
      new PutObjectCommand({ Bucket: "meta", Key: "m", Body: "same", ContentType: "text/plain" }),
    );
    expect((await head("m")).ContentType).toBe("text/plain");
    await client.send(
      new CopyObjectCommand({
        Bucket: "meta",
        Key: "m",
        CopySource: "meta/m",
        MetadataDirective: "REPLACE",
        ContentType: "text/csv",
      }),
    );
    expect((await head("m")).ContentType).toBe("text/csv");
  });

  it("answers 404 for an object deleted after it was read", async () => {
    await client.send(new PutObjectCommand({ Bucket: "meta", Key: "d", Body: "gone soon" }));
    await head("d");
    await client.send(new DeleteObjectCommand({ Bucket: "meta", Key: "d" }));
    await expect(head("d")).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });
});

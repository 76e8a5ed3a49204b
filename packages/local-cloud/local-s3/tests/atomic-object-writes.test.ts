import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { newLocalCredentials } from "@holonet/local-auth/local-credentials";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LocalS3, localS3ClientConfig, startLocalS3 } from "../src/local-s3";
import { type HeldPut, holdPutHalfway } from "./interrupted-put";

// S3 answers a PUT all or nothing: until the whole body is in, readers see the earlier version or none,
// and a body cut short stores nothing. These PUTs stop halfway, so that the readers look in the middle.
const credentials = newLocalCredentials();
const BUCKET = "atomic";
const earlier = "the earlier version";
const next = Buffer.from("the next version, sent in two halves; ".repeat(8));
let directory: string;
let s3: LocalS3;
let client: S3Client;
beforeEach(async () => {
  directory = mkdtempSync(path.join(tmpdir(), "holonet-atomic-"));
  s3 = await startLocalS3({ directory, credentials, buckets: [{ name: BUCKET }] });
  client = new S3Client(localS3ClientConfig(s3));
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "kept", Body: earlier }));
});
afterEach(async () => {
  // A test that failed midway leaves its PUTs open, which would hold the server's close up.
  await Promise.all(held.splice(0).map((each) => each.cut()));
  client.destroy();
  await s3.close();
  rmSync(directory, { recursive: true, force: true });
});

const held: HeldPut[] = [];
const put = async (key: string) => {
  const halfway = await holdPutHalfway(s3.endpoint, credentials.developer, `/${BUCKET}/${key}`, next);
  held.push(halfway);
  return halfway;
};
const read = async (key: string) =>
  (await client
    .send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
    .then((o) => o.Body?.transformToString())) ?? "";
const status = (request: Promise<unknown>) =>
  request.then(
    () => 200,
    (error: { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode,
  );
const listed = async () =>
  ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => [
    o.Key,
    o.Size,
  ]);

/** What readers see of the bucket: each key's content (or status) and size, and the listing. */
async function seen() {
  const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "kept" }));
  return {
    kept: await read("kept"),
    keptLength: head.ContentLength,
    fresh: await status(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "fresh" }))),
    freshHead: await status(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "fresh" }))),
    listing: await listed(),
  };
}
const before = {
  kept: earlier,
  keptLength: earlier.length,
  fresh: 404,
  freshHead: 404,
  listing: [["kept", earlier.length]],
};

/** Looks several times, since a write in place reaches the disk some milliseconds after the server reads it. */
async function seenWhileHeld() {
  const looks = [];
  for (let look = 0; look < 5; look++) {
    looks.push(await seen());
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return looks;
}

describe("a PUT is all or nothing, as on S3", () => {
  it("shows neither a new object nor a replacement before the whole body is in, then shows both", async () => {
    const replacing = await put("kept");
    const creating = await put("fresh");

    expect(await seenWhileHeld()).toEqual(Array(5).fill(before));

    expect(await replacing.finish()).toBe(200);
    expect(await creating.finish()).toBe(200);
    expect(await read("kept")).toBe(next.toString());
    expect(await read("fresh")).toBe(next.toString());
  });

  it("stores nothing of a body cut short, and keeps the earlier version", async () => {
    const replacing = await put("kept");
    const creating = await put("fresh");

    await replacing.cut();
    await creating.cut();

    expect(await seenWhileHeld()).toEqual(Array(5).fill(before));
  });
});

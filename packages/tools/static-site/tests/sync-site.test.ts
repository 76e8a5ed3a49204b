import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { type LocalS3, localS3ClientConfig, startTemporaryS3 } from "@holonet/local-s3/local-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { syncSite } from "../src/sync-site";

const BUCKET = "site";
let s3: LocalS3;
let client: S3Client;
let siteDir: string;

beforeAll(async () => {
  s3 = await startTemporaryS3([{ name: BUCKET, website: { indexDocument: "index.html" } }]);
  client = new S3Client(localS3ClientConfig(s3));
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});

beforeEach(async () => {
  siteDir = await mkdtemp(path.join(tmpdir(), "holonet-site-"));
  await writeSite({
    "index.html": '<!doctype html><script type="module" src="assets/app-5XQ2ZC7K.js"></script>',
    "assets/app-5XQ2ZC7K.js": "console.log('hi');",
    "assets/styles-AB12CD34.css": "body{margin:0}",
    "favicon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
  });
});
afterEach(async () => {
  await rm(siteDir, { recursive: true, force: true });
  await emptyBucket();
});

async function writeSite(files: Record<string, string>) {
  for (const [key, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(siteDir, key)), { recursive: true });
    await writeFile(path.join(siteDir, key), body);
  }
}

async function bucketKeys() {
  const listing = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (listing.Contents ?? []).map((object) => object.Key).sort();
}

async function emptyBucket() {
  const keys = await bucketKeys();
  if (keys.length === 0) return;
  await client.send(
    new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: keys.map((Key) => ({ Key })) } }),
  );
}

const head = (key: string) => client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));

describe("syncSite", () => {
  it("uploads every file with its content type and cache control, and writes config.json", async () => {
    const lines: string[] = [];
    const summary = await syncSite({
      client,
      bucket: BUCKET,
      siteDir,
      config: { apiUrl: "http://127.0.0.1:4560" },
      onProgress: (line) => lines.push(line),
    });

    expect(summary).toEqual({
      uploaded: [
        "assets/app-5XQ2ZC7K.js",
        "assets/styles-AB12CD34.css",
        "config.json",
        "favicon.svg",
        "index.html",
      ],
      unchanged: [],
      deleted: [],
    });
    expect(lines).toHaveLength(5);
    expect(await bucketKeys()).toEqual(summary.uploaded);

    const index = await head("index.html");
    expect(index.ContentType).toBe("text/html; charset=utf-8");
    expect(index.CacheControl).toBe("no-cache");
    const script = await head("assets/app-5XQ2ZC7K.js");
    expect(script.ContentType).toBe("text/javascript; charset=utf-8");
    expect(script.CacheControl).toBe("public, max-age=31536000, immutable");
    expect((await head("assets/styles-AB12CD34.css")).ContentType).toBe("text/css; charset=utf-8");
    expect((await head("favicon.svg")).ContentType).toBe("image/svg+xml");

    const config = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "config.json" }));
    expect(config.ContentType).toBe("application/json; charset=utf-8");
    expect(config.CacheControl).toBe("no-cache");
    expect(JSON.parse((await config.Body?.transformToString()) ?? "")).toEqual({
      apiUrl: "http://127.0.0.1:4560",
    });
  });

  it("skips unchanged files, uploads changed ones and deletes what the build no longer has", async () => {
    const config = { apiUrl: "http://127.0.0.1:4560" };
    await syncSite({ client, bucket: BUCKET, siteDir, config });
    await rm(path.join(siteDir, "assets/app-5XQ2ZC7K.js"));
    await writeSite({
      "assets/app-7YBQ3MN2.js": "console.log('new');",
      "index.html": '<!doctype html><script type="module" src="assets/app-7YBQ3MN2.js"></script>',
    });

    const summary = await syncSite({ client, bucket: BUCKET, siteDir, config });

    expect(summary).toEqual({
      uploaded: ["assets/app-7YBQ3MN2.js", "index.html"],
      unchanged: ["assets/styles-AB12CD34.css", "config.json", "favicon.svg"],
      deleted: ["assets/app-5XQ2ZC7K.js"],
    });
    expect(await bucketKeys()).toEqual([
      "assets/app-7YBQ3MN2.js",
      "assets/styles-AB12CD34.css",
      "config.json",
      "favicon.svg",
      "index.html",
    ]);
  });

  it("uploads config.json again when its values change", async () => {
    await syncSite({ client, bucket: BUCKET, siteDir, config: { apiUrl: "http://127.0.0.1:1" } });
    const summary = await syncSite({
      client,
      bucket: BUCKET,
      siteDir,
      config: { apiUrl: "http://127.0.0.1:2" },
    });
    expect(summary.uploaded).toEqual(["config.json"]);
  });

  it("keeps the bucket's config.json when no config is given", async () => {
    await syncSite({ client, bucket: BUCKET, siteDir, config: { apiUrl: "http://127.0.0.1:4560" } });
    const summary = await syncSite({ client, bucket: BUCKET, siteDir });
    expect(summary.deleted).toEqual([]);
    expect(await bucketKeys()).toContain("config.json");
  });

  it("deletes stale objects found across several pages of the listing", async () => {
    for (let i = 0; i < 5; i++) {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `old/page-${i}.html`, Body: "old" }));
    }
    const summary = await syncSite({ client, bucket: BUCKET, siteDir, config: {}, listPageSize: 2 });
    expect(summary.deleted).toEqual([0, 1, 2, 3, 4].map((i) => `old/page-${i}.html`));
    expect(await bucketKeys()).not.toContain("old/page-4.html");
  });

  it("publishes a site that the bucket's website endpoint serves", async () => {
    await syncSite({ client, bucket: BUCKET, siteDir, config: { apiUrl: "http://127.0.0.1:4560" } });

    const website = createServer(s3.websiteHandler(BUCKET));
    await new Promise<void>((resolve) => website.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(website.address() as AddressInfo).port}`;
    onTestFinished(() => {
      website.close();
    });
    const page = await fetch(`${origin}/`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain('src="assets/app-5XQ2ZC7K.js"');

    const script = await fetch(`${origin}/assets/app-5XQ2ZC7K.js`, {
      headers: { accept: "*/*" },
    });
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });
});

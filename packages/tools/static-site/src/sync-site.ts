import { DeleteObjectsCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { listObjectETags, MAX_PAGE_SIZE } from "./bucket-listing";
import { cacheControlFor, isContentHashed } from "./cache-control";
import { contentTypeFor } from "./content-type";
import { configFile, readSiteFiles, type SiteFile } from "./site-files";

export interface SyncSiteOptions {
  client: S3Client;
  bucket: string;
  /** The built site, e.g. services/web/dist. */
  siteDir: string;
  /**
   * The site's run-time settings, written as config.json (over any config.json in siteDir). Without it,
   * a config.json already in the bucket is kept: it belongs to the deployment, not to the build.
   */
  config?: Record<string, unknown>;
  onProgress?: (line: string) => void;
  /** Which keys carry a content hash in their name (cached for a year); by default, bundlers' names. */
  contentHashed?: (key: string) => boolean;
  /** Keys per listing page; S3's maximum unless a test wants to see paging. */
  listPageSize?: number;
}

/** What a sync did, key by key, each list sorted. */
export interface SyncSummary {
  uploaded: string[];
  unchanged: string[];
  deleted: string[];
}

const CONFIG_KEY = "config.json";
const PARALLEL_UPLOADS = 8;
const MAX_DELETE_BATCH = 1000;

/** Files that point at others go up last, so a visitor never loads a page whose assets are not there yet. */
const isEntryFile = (key: string) => key === CONFIG_KEY || /\.html?$/i.test(key);

/**
 * Makes the bucket hold exactly the built site: uploads new and changed files with their Content-Type and
 * Cache-Control, writes config.json, skips files whose MD5 equals the object's ETag, and deletes objects
 * the build no longer has.
 */
export async function syncSite(options: SyncSiteOptions): Promise<SyncSummary> {
  const { client, bucket, config, onProgress = () => {} } = options;
  const contentHashed = options.contentHashed ?? isContentHashed;

  const built = await readSiteFiles(options.siteDir);
  const files = config ? [...built.filter((f) => f.key !== CONFIG_KEY), configFile(config)] : built;
  const existing = await listObjectETags(client, bucket, options.listPageSize ?? MAX_PAGE_SIZE);

  const changed = files.filter((file) => existing.get(file.key) !== file.md5);
  const unchanged = files.filter((file) => existing.get(file.key) === file.md5).map((file) => file.key);
  for (const key of unchanged) onProgress(`unchanged ${key}`);

  const upload = async (file: SiteFile) => {
    const contentType = contentTypeFor(file.key);
    const cacheControl = cacheControlFor(file.key, contentHashed);
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: file.key,
        Body: file.body,
        ContentType: contentType,
        CacheControl: cacheControl,
        ContentMD5: Buffer.from(file.md5, "hex").toString("base64"),
      }),
    );
    onProgress(`uploaded ${file.key} (${contentType}; ${cacheControl})`);
  };
  await inParallel(
    changed.filter((file) => !isEntryFile(file.key)),
    PARALLEL_UPLOADS,
    upload,
  );
  await inParallel(
    changed.filter((file) => isEntryFile(file.key)),
    PARALLEL_UPLOADS,
    upload,
  );

  const keep = new Set(files.map((file) => file.key));
  if (!config) keep.add(CONFIG_KEY);
  const stale = [...existing.keys()].filter((key) => !keep.has(key)).sort();
  await deleteObjects(client, bucket, stale);
  for (const key of stale) onProgress(`deleted ${key}`);

  return { uploaded: changed.map((file) => file.key).sort(), unchanged: unchanged.sort(), deleted: stale };
}

async function deleteObjects(client: S3Client, bucket: string, keys: string[]) {
  for (let start = 0; start < keys.length; start += MAX_DELETE_BATCH) {
    const batch = keys.slice(start, start + MAX_DELETE_BATCH);
    const result = await client.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    // DeleteObjects answers 200 even when some keys failed; the failures are in the body.
    const failed = result.Errors ?? [];
    if (failed.length > 0) {
      throw new Error(
        `Could not delete from ${bucket}: ${failed.map((e) => `${e.Key} (${e.Code}: ${e.Message})`).join(", ")}`,
      );
    }
  }
}

/** Runs `task` on every item, at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

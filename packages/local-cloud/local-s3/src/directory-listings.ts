import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { isSettled } from "./settled-file";

type Walk = (dir: string, recurseFilter?: (dirPath: string) => boolean) => Generator<string>;

/**
 * s3rver lists a bucket by reading every folder on the way afresh on each ListObjectsV2, and stats each entry
 * it passes; a folder of 10,000 quotes holds 30,000 files (object, metadata, MD5), so even a page of 20 read
 * all of them (measured: ListObjectsV2 took 8 times as long at 10,000 items as at 100). This walk reads a
 * folder again only when it has changed (its mtime; a folder changed in the last moments is read every
 * time, settled-file.ts), and takes the entries' kinds from the listing rather than a stat each. It yields
 * what s3rver's own walk (lib/utils.js) yields, in the same order: readdir's, which libuv sorts by name.
 */
export function cachedWalk(limit = 1_000): Walk {
  const listings = new Map<string, { mtimeNs: bigint; entries: { name: string; isDirectory: boolean }[] }>();
  const list = (dir: string) => {
    const { mtimeNs } = statSync(dir, { bigint: true });
    const cached = listings.get(dir);
    if (cached?.mtimeNs === mtimeNs) return cached.entries;
    const entries = readdirSync(dir, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      isDirectory: entry.isDirectory(),
    }));
    if (isSettled(mtimeNs)) {
      if (listings.size >= limit) listings.delete(listings.keys().next().value as string);
      listings.set(dir, { mtimeNs, entries });
    }
    return entries;
  };
  return function* walk(dir: string, recurseFilter?: (dirPath: string) => boolean): Generator<string> {
    for (const entry of list(dir)) {
      const filePath = path.posix.join(dir, entry.name);
      if (!entry.isDirectory) yield filePath;
      else if (!recurseFilter || recurseFilter(filePath)) yield* walk(filePath, recurseFilter);
    }
  };
}

import { stat } from "node:fs/promises";
import { isSettled } from "./settled-file";

/** The part of s3rver's FilesystemStore that this wraps. */
export interface MetadataStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
}

/** A file's identity and version (a rename brings another inode, a rewrite another time or size); null if gone. */
async function fingerprint(file: string): Promise<{ id: string; settled: boolean }> {
  try {
    const info = await stat(file, { bigint: true });
    return { id: `${info.ino}:${info.mtimeNs}:${info.size}`, settled: isSettled(info.mtimeNs) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { id: "-", settled: true };
    throw error;
  }
}

/**
 * s3rver reads an object's metadata afresh on every GET and HEAD: a stat, then two whole files (the stored
 * metadata and the MD5), nine file system calls in all, which is most of what a GetObject costs it (a CPU
 * profile: open, close, read and stat were 40% of the local cloud's time under GET /quotes/{id}). This keeps
 * what it read and checks the files' fingerprints (a stat each) before using it again, so any write, by
 * s3rver or anyone, is seen at once; a file written in the last moments is not cached (settled-file.ts).
 */
export function cacheObjectMetadata(store: MetadataStore, limit = 10_000): void {
  const read = store.getMetadata.bind(store);
  const cache = new Map<string, { fingerprints: string; metadata: Record<string, unknown> }>();
  store.getMetadata = async (bucket, key) => {
    const object = store.getResourcePath(bucket, key, "object");
    // The MD5 file changes only with the object (written beside it, or derived from it when missing).
    const files = [object, store.getResourcePath(bucket, key, "metadata.json")];
    const prints = await Promise.all(files.map(fingerprint));
    const fingerprints = prints.map((each) => each.id).join("|");
    const cached = cache.get(object);
    if (cached?.fingerprints === fingerprints) return { ...cached.metadata };
    const metadata = await read(bucket, key);
    if (prints.every((each) => each.settled)) {
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      cache.set(object, { fingerprints, metadata });
    }
    return { ...metadata };
  };
}

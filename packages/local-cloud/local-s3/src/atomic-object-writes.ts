import { createHash, randomUUID } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { buffer } from "node:stream/consumers";

/** The part of s3rver's FilesystemStore that this replaces and uses. */
export interface FilesystemStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
  putObject(object: {
    bucket: string;
    key: string;
    content: Buffer | IncomingMessage;
    metadata: Record<string, string>;
  }): Promise<{ size: number; md5: string }>;
}

/**
 * s3rver 3.7.1 writes an object's file in place and answers before that write has finished, so a stop (or
 * a client cut off) mid-PUT leaves a listed object with empty or partial content, and readers see half a body
 * while a PUT is in progress (tests/atomic-object-writes.test.ts). This makes a PUT all or nothing: the whole
 * body is read first (a body cut short is refused), metadata is written, and the object appears only by
 * renaming a complete file into place. `pending` holds the writes in flight, so that closing can wait for them.
 */
export function makeObjectWritesAtomic(store: FilesystemStore): { pending: Set<Promise<unknown>> } {
  const pending = new Set<Promise<unknown>>();
  store.putObject = (object) => {
    const write = (async () => {
      const content = Buffer.isBuffer(object.content) ? object.content : await buffer(object.content);
      // `complete` is false on a request whose client went away mid-body (multipart parts come as other streams).
      if ((object.content as { complete?: boolean }).complete === false)
        throw new Error("The request body was cut short.");
      const objectPath = store.getResourcePath(object.bucket, object.key, "object");
      await mkdir(path.dirname(objectPath), { recursive: true });
      const md5 = createHash("md5").update(content).digest("hex");
      // Not named *._S3rver_object, so s3rver never lists it.
      const partial = `${objectPath}.${randomUUID()}.partial`;
      try {
        await writeFile(partial, content);
        await store.putMetadata(object.bucket, object.key, object.metadata, md5);
        await rename(partial, objectPath);
      } finally {
        await rm(partial, { force: true });
      }
      return { size: content.length, md5 };
    })();
    pending.add(write);
    void write.then(
      () => pending.delete(write),
      () => pending.delete(write),
    );
    return write;
  };
  return { pending };
}

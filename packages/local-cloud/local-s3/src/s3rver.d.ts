// s3rver ships no types; this is the part of its API that local-s3.ts uses.
declare module "s3rver" {
  import type { RequestListener } from "node:http";

  interface S3rverOptions {
    silent?: boolean;
    directory?: string;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    /** Creates the configured buckets (keeping those that exist). */
    configureBuckets(): Promise<void>;
    /** The Koa app as a request listener, for a server of our own in front of it. */
    callback(): RequestListener;
    /** Its FilesystemStore; local-s3 replaces parts of it (atomic-object-writes.ts, confined-keys.ts). */
    store: unknown;
  }
}

/// <reference path="./s3rver.d.ts" />
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
// Before s3rver: it replaces s3rver's folder walk with one that reads a folder again only when it changed.
import "./s3rver-walk";
import S3rver from "s3rver";
import { type FilesystemStore, makeObjectWritesAtomic } from "./atomic-object-writes";
import { cacheObjectMetadata, type MetadataStore } from "./metadata-cache";

/** s3rver checks no signature, but it does insist on this access key id (and secret). */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;
export const LOCAL_REGION = "us-east-1";

export interface LocalBucket {
  name: string;
  /** Serve the bucket as a website, as S3's website endpoint does. */
  website?: { indexDocument: string; errorDocument?: string };
}

export interface LocalS3 {
  /** http://127.0.0.1:<port>: an IP address, since s3rver reads any other host name as a bucket name. */
  endpoint: string;
  close(): Promise<void>;
}

const websiteXml = ({ indexDocument, errorDocument }: NonNullable<LocalBucket["website"]>) =>
  `<WebsiteConfiguration><IndexDocument><Suffix>${indexDocument}</Suffix></IndexDocument>${
    errorDocument ? `<ErrorDocument><Key>${errorDocument}</Key></ErrorDocument>` : ""
  }</WebsiteConfiguration>`;

/**
 * Starts s3rver in this process with the given buckets (created if missing, kept if present).
 * Objects live as files under `directory`, so they outlast a restart.
 */
export async function startLocalS3(options: { directory: string; buckets: LocalBucket[]; port?: number }) {
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port ?? 0,
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((bucket) => ({
      name: bucket.name,
      configs: bucket.website ? [websiteXml(bucket.website)] : [],
    })),
  });
  const writes = makeObjectWritesAtomic(server.store as FilesystemStore);
  cacheObjectMetadata(server.store as MetadataStore);
  const address: AddressInfo = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await server.close();
      // A PUT whose client has gone may still be writing: let it finish before the process exits.
      await Promise.allSettled([...writes.pending]);
    },
  } satisfies LocalS3;
}

/**
 * The environment that points the AWS SDK at a local S3, with no change to the code that uses it.
 * Checksums only when required: the SDK's default sends streamed bodies aws-chunked, and s3rver would
 * store the chunk framing as the object's content.
 */
export function localS3Environment(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    AWS_REGION: LOCAL_REGION,
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
  };
}

/** The same settings as an S3Client configuration, for code (tests) that builds its own client. */
export function localS3ClientConfig(endpoint: string) {
  return {
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_S3_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  } as const;
}

/** A local S3 in a fresh temporary folder, removed again on close: for tests. */
export async function startTemporaryS3(buckets: LocalBucket[]): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(tmpdir(), "holonet-s3-"));
  const s3 = await startLocalS3({ directory, buckets });
  return {
    endpoint: s3.endpoint,
    close: async () => {
      await s3.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

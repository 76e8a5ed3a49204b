/// <reference path="./s3rver.d.ts" />
import { mkdtemp, rm } from "node:fs/promises";
import http, { type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
// Before s3rver: it replaces s3rver's folder walk with one that reads a folder again only when it changed.
import "./s3rver-walk";
import { type AwsEndpoint, checkAwsRequest, sendRefusal } from "@holonet/local-auth/aws-request-guard";
import { keyRingOf, type LocalCredentials, newLocalCredentials } from "@holonet/local-auth/local-credentials";
import type { Credential } from "@holonet/local-auth/signature-v4";
import S3rver from "s3rver";
import { type FilesystemStore, makeObjectWritesAtomic } from "./atomic-object-writes";
import { confineKeysToBuckets, type KeyedStore } from "./confined-keys";
import { cacheObjectMetadata, type MetadataStore } from "./metadata-cache";
import { acceptKeysInS3rver } from "./s3rver-accounts";

export const LOCAL_REGION = "us-east-1";

export interface LocalBucket {
  name: string;
  /** Serve the bucket as a website, as S3's website endpoint does. */
  website?: { indexDocument: string; errorDocument?: string };
}

export interface LocalS3 {
  /** http://127.0.0.1:<port>: an IP address, since s3rver reads any other host name as a bucket name. */
  endpoint: string;
  /** The only credentials it accepts: the developer's, and the functions' role's. */
  credentials: LocalCredentials;
  /** Answers requests as the website endpoint of `bucket` (anonymous reads, index and error documents). */
  websiteHandler(bucket: string): RequestListener;
  close(): Promise<void>;
}

const websiteXml = ({ indexDocument, errorDocument }: NonNullable<LocalBucket["website"]>) =>
  `<WebsiteConfiguration><IndexDocument><Suffix>${indexDocument}</Suffix></IndexDocument>${
    errorDocument ? `<ErrorDocument><Key>${errorDocument}</Key></ErrorDocument>` : ""
  }</WebsiteConfiguration>`;

/**
 * Starts s3rver in this process with the given buckets (created if missing, kept if present), behind a
 * server that lets through only requests signed (Signature Version 4) with `credentials` and addressed to a
 * loopback host. Objects live as files under `directory`, so they outlast a restart; no key leaves its bucket.
 */
export async function startLocalS3(options: {
  directory: string;
  buckets: LocalBucket[];
  credentials: LocalCredentials;
  port?: number;
}): Promise<LocalS3> {
  const s3rver = new S3rver({
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((bucket) => ({
      name: bucket.name,
      configs: bucket.website ? [websiteXml(bucket.website)] : [],
    })),
  });
  const writes = makeObjectWritesAtomic(s3rver.store as FilesystemStore);
  cacheObjectMetadata(s3rver.store as MetadataStore);
  confineKeysToBuckets(s3rver.store as KeyedStore);
  acceptKeysInS3rver(options.credentials);
  await s3rver.configureBuckets();
  const s3rverApp = s3rver.callback();

  const endpoint: AwsEndpoint = {
    protocol: "s3",
    service: "s3",
    region: LOCAL_REGION,
    keys: keyRingOf(options.credentials),
  };
  const server = http.createServer((request, response) => {
    const refusal = checkAwsRequest(endpoint, request);
    if (!refusal) return s3rverApp(request, response);
    // The body of a refused request is not read: close the connection rather than wait for it.
    if (!request.complete) response.setHeader("connection", "close");
    sendRefusal(response, refusal);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject).listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    credentials: options.credentials,
    websiteHandler: (bucket) => {
      // s3rver answers as a website endpoint to the website host name of the bucket.
      const websiteHost = `${bucket}.s3-website-${LOCAL_REGION}.amazonaws.com`;
      return (request, response) => {
        request.headers.host = websiteHost;
        delete request.headers.authorization;
        s3rverApp(request, response);
      };
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A PUT whose client has gone may still be writing: let it finish before the process exits.
      await Promise.allSettled([...writes.pending]);
    },
  };
}

/**
 * The environment that points the AWS SDK at a local S3 with these credentials, with no change to the code
 * that uses it. Checksums only when required: the SDK's default sends streamed bodies aws-chunked, and
 * s3rver would store the chunk framing as the object's content.
 */
export function localS3Environment(endpoint: string, credential: Credential): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ACCESS_KEY_ID: credential.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credential.secretAccessKey,
    ...(credential.sessionToken !== undefined && { AWS_SESSION_TOKEN: credential.sessionToken }),
    AWS_REGION: LOCAL_REGION,
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
  };
}

/** The same settings as an S3Client configuration, as the developer: for code (tests, tools) that builds its own client. */
export function localS3ClientConfig(s3: Pick<LocalS3, "endpoint" | "credentials">) {
  return {
    endpoint: s3.endpoint,
    region: LOCAL_REGION,
    credentials: s3.credentials.developer,
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  } as const;
}

/** A local S3 in a fresh temporary folder with credentials of its own, removed again on close: for tests and `pnpm invoke`. */
export async function startTemporaryS3(buckets: LocalBucket[]): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(tmpdir(), "holonet-s3-"));
  const s3 = await startLocalS3({ directory, buckets, credentials: newLocalCredentials() });
  return {
    ...s3,
    close: async () => {
      await s3.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

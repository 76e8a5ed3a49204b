import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const S3Error = require("s3rver/lib/models/error.js") as new (
  code: string,
  message: string,
  detail?: Record<string, string>,
) => Error;

/** The part of s3rver's FilesystemStore that this guards. */
export interface KeyedStore {
  getBucketPath(bucket: string): string;
  getBucket(bucket: string): Promise<unknown>;
  putBucket(bucket: string): Promise<unknown>;
  existsObject(bucket: string, key: string): Promise<boolean>;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putObject(object: { bucket: string; key: string }): Promise<unknown>;
  copyObject(
    srcBucket: string,
    srcKey: string,
    destBucket: string,
    destKey: string,
    ...rest: unknown[]
  ): Promise<unknown>;
  initiateUpload(bucket: string, key: string, ...rest: unknown[]): Promise<unknown>;
  putSubresource(bucket: string, key: string | undefined, ...rest: unknown[]): Promise<unknown>;
}

/** S3's bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const isBucketName = (name: string) => BUCKET_NAME.test(name) && !name.includes("..");

/**
 * A key whose path segments include `.` or `..`. S3 keeps any key as an opaque string, but s3rver stores an
 * object as a file at bucket/<key>, where such segments would climb out of the bucket; here they cannot be
 * stored, so they never exist.
 */
export const isUnstorableKey = (key: string) =>
  key.split("/").some((segment) => segment === "." || segment === "..");

/** The error file system reads report for a missing file: s3rver answers it as NoSuchKey or NoSuchBucket. */
function notThere(what: string): Error {
  return Object.assign(new Error(`${what} is outside the local S3's folder`), { code: "ENOENT" });
}

function refuseUnstorable(key: string | undefined): void {
  if (key !== undefined && isUnstorableKey(key))
    throw new S3Error(
      "InvalidArgument",
      "The local S3 stores objects as files and cannot store a key with a '.' or '..' path segment (S3 itself would).",
      { ArgumentName: "key", ArgumentValue: key },
    );
}

/**
 * Keeps every object inside its bucket's folder. Reads of a key or bucket that cannot be stored find nothing
 * (404, the same whether or not some file of that name exists elsewhere); writes of one are refused with S3's
 * InvalidArgument; and any path that would still resolve outside the bucket is never opened.
 */
export function confineKeysToBuckets(store: KeyedStore): void {
  const bucketPath = store.getBucketPath.bind(store);
  const resourcePath = store.getResourcePath.bind(store);
  store.getBucketPath = (bucket) => {
    if (!isBucketName(bucket)) throw notThere(`Bucket ${JSON.stringify(bucket)}`);
    return bucketPath(bucket);
  };
  store.getResourcePath = (bucket, key = "", resource) => {
    const folder = store.getBucketPath(bucket);
    if (isUnstorableKey(key)) throw notThere(`Key ${JSON.stringify(key)}`);
    const file = resourcePath(bucket, key, resource);
    const relative = path.relative(folder, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) throw notThere(`Key ${JSON.stringify(key)}`);
    return file;
  };

  const getBucket = store.getBucket.bind(store);
  store.getBucket = async (bucket) => (isBucketName(bucket) ? getBucket(bucket) : null);
  const putBucket = store.putBucket.bind(store);
  store.putBucket = async (bucket) => {
    if (!isBucketName(bucket))
      throw new S3Error("InvalidBucketName", "The specified bucket is not valid.", { BucketName: bucket });
    return putBucket(bucket);
  };
  const existsObject = store.existsObject.bind(store);
  store.existsObject = async (bucket, key) =>
    isBucketName(bucket) && !isUnstorableKey(key) && existsObject(bucket, key);

  const putObject = store.putObject.bind(store);
  store.putObject = (object) => {
    refuseUnstorable(object.key);
    return putObject(object);
  };
  const copyObject = store.copyObject.bind(store);
  store.copyObject = (srcBucket, srcKey, destBucket, destKey, ...rest) => {
    refuseUnstorable(destKey);
    return copyObject(srcBucket, srcKey, destBucket, destKey, ...rest);
  };
  const initiateUpload = store.initiateUpload.bind(store);
  store.initiateUpload = (bucket, key, ...rest) => {
    refuseUnstorable(key);
    return initiateUpload(bucket, key, ...rest);
  };
  const putSubresource = store.putSubresource.bind(store);
  store.putSubresource = (bucket, key, ...rest) => {
    refuseUnstorable(key);
    return putSubresource(bucket, key, ...rest);
  };
}

import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type QuoteId, SavedQuote } from "@holonet/contracts/saved-quote";
import { ServiceUnavailableError } from "@holonet/lambda-kit/errors";
import { DATA_PREFIX, idFromKey, keyForId } from "./quote-keys";
import type { QuoteStore } from "./quote-store";

const NETWORK_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
  "EAI_AGAIN",
]);

/** True for an S3 failure the caller can do nothing about but retry: S3 down, unreachable or failing on its side. */
function isUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  return e.name === "TimeoutError" || NETWORK_ERROR_CODES.has(e.code ?? "");
}

/** Runs an S3 call; the SDK has already retried (3 attempts) when this sees the error. */
async function s3Call<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isUnavailable(error))
      throw new ServiceUnavailableError(`The quote store is unavailable (${what})`, { cause: error });
    throw error;
  }
}

/**
 * The S3 calls each store operation makes, in order; `list` reads each key it lists with a GetObject of its
 * own. The architecture diagrams draw a route's calls from this; the tests hold the store to it.
 */
export const STORE_S3_CALLS = {
  get: ["GetObject"],
  list: ["ListObjectsV2", "GetObject"],
  put: ["PutObject"],
} as const satisfies Record<keyof QuoteStore, readonly string[]>;

export type StoreOperation = keyof typeof STORE_S3_CALLS;

export function s3QuoteStore(client: S3Client, bucket: string): QuoteStore {
  async function get(id: QuoteId) {
    try {
      const object = await s3Call("read", () =>
        client.send(new GetObjectCommand({ Bucket: bucket, Key: keyForId(id) })),
      );
      // A stored item is checked like any other input: a corrupt one is a 500, never passed on.
      return SavedQuote.parse(
        JSON.parse(await (object.Body?.transformToString("utf-8") ?? Promise.resolve(""))),
      );
    } catch (error) {
      if ((error as { name?: string }).name === "NoSuchKey") return undefined;
      throw error;
    }
  }

  return {
    async put(item) {
      await s3Call("write", () =>
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: keyForId(item.id),
            Body: JSON.stringify(item),
            ContentType: "application/json",
            // Ids never repeat; on AWS this also makes S3 refuse to replace an object if one ever did.
            IfNoneMatch: "*",
          }),
        ),
      );
    },

    get,

    async list({ limit, after }) {
      const listing = await s3Call("list", () =>
        client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: DATA_PREFIX,
            MaxKeys: limit,
            ...(after && { StartAfter: keyForId(after) }),
          }),
        ),
      );
      const ids = (listing.Contents ?? []).flatMap(({ Key }) => {
        const id = Key ? idFromKey(Key) : undefined;
        return id ? [id] : [];
      });
      const items = (await Promise.all(ids.map(get))).filter((item) => item !== undefined);
      const lastId = ids.at(-1);
      return { items, ...(listing.IsTruncated && lastId && { lastId }) };
    },
  };
}

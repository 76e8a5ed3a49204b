import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { SavedQuote } from "@holonet/contracts/saved-quote";
import { newLocalCredentials } from "@holonet/local-auth/local-credentials";
import { type LocalS3, localS3ClientConfig, startLocalS3 } from "@holonet/local-s3/local-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyForId } from "../src/quote-keys";
import { STORE_S3_CALLS, s3QuoteStore } from "../src/s3-quote-store";

// Integration: the real S3 store against a real S3-compatible server (s3rver) on loopback.
const BUCKET = "holonet-test-data";
/** A bucket of its own for counting calls, free of the corrupt object another test leaves. */
const CALLS_BUCKET = "holonet-test-calls";
let s3: LocalS3;
let client: S3Client;
let directory: string;

const quote = (n: number): SavedQuote => ({
  id: `01JDQ3H7Y8ZK4M6N2P9R5T${String(n).padStart(4, "0")}`,
  quote: `Quote number ${n}`,
  savedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
});

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), "holonet-s3-"));
  s3 = await startLocalS3({
    directory,
    credentials: newLocalCredentials(),
    buckets: [{ name: BUCKET }, { name: CALLS_BUCKET }],
  });
  client = new S3Client(localS3ClientConfig(s3));
});

afterAll(async () => {
  client.destroy();
  await s3.close();
  rmSync(directory, { recursive: true, force: true });
});

describe("s3QuoteStore against a real S3", () => {
  it("writes a quote as JSON under its key and reads it back", async () => {
    const store = s3QuoteStore(client, BUCKET);
    const item = { ...quote(1), author: "Yoda" };
    await store.put(item);
    expect(await store.get(item.id)).toEqual(item);
    const raw = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: keyForId(item.id) }));
    expect(raw.ContentType).toBe("application/json");
    expect(JSON.parse(await (raw.Body?.transformToString() ?? ""))).toEqual(item);
  });

  it("answers undefined for an id nobody saved", async () => {
    expect(await s3QuoteStore(client, BUCKET).get(quote(9999).id)).toBeUndefined();
  });

  it("pages newest first, each item once, with a cursor that holds across pages", async () => {
    const bucket = "holonet-test-paging";
    const local = await startLocalS3({
      directory,
      credentials: newLocalCredentials(),
      buckets: [{ name: bucket }],
    });
    try {
      const pagingClient = new S3Client(localS3ClientConfig(local));
      const store = s3QuoteStore(pagingClient, bucket);
      const saved = Array.from({ length: 7 }, (_, n) => quote(n + 10));
      for (const item of saved) await store.put(item);

      const seen: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.list({ limit: 3, ...(after && { after }) });
        seen.push(...page.items.map((item) => item.id));
        after = page.lastId;
        if (!after) break;
      }
      expect(seen).toEqual(saved.map((item) => item.id).reverse());
      pagingClient.destroy();
    } finally {
      await local.close();
    }
  });

  it("refuses a stored object that is not a saved quote", async () => {
    const id = quote(42).id;
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: keyForId(id), Body: '{"quote": 1}' }));
    await expect(s3QuoteStore(client, BUCKET).get(id)).rejects.toThrow();
  });

  it("turns an unreachable S3 into a 503 ServiceUnavailableError, after the SDK's retries", async () => {
    const down = await startLocalS3({ directory, credentials: newLocalCredentials(), buckets: [] });
    await down.close();
    const unreachable = new S3Client({ ...localS3ClientConfig(down), maxAttempts: 2 });
    await expect(s3QuoteStore(unreachable, BUCKET).get(quote(1).id)).rejects.toMatchObject({
      name: "ServiceUnavailableError",
      status: 503,
    });
    await expect(s3QuoteStore(unreachable, BUCKET).put(quote(2))).rejects.toMatchObject({ status: 503 });
    unreachable.destroy();
  });
});

describe("the S3 calls each operation makes, as the architecture diagrams draw them", () => {
  /** The SDK commands the store sends, recorded on a real client talking to the real S3 above. */
  function recordingStore() {
    const calls: string[] = [];
    const recorded = new S3Client(localS3ClientConfig(s3));
    recorded.middlewareStack.add(
      (next, context) => (args) => {
        calls.push(String(context.commandName).replace(/Command$/, ""));
        return next(args);
      },
      { step: "initialize" },
    );
    return { store: s3QuoteStore(recorded, CALLS_BUCKET), calls, destroy: () => recorded.destroy() };
  }
  /** Repeats folded: a page read is one ListObjectsV2, then GetObject for each key, however many. */
  const folded = (calls: string[]) => calls.filter((call, i) => call !== calls[i - 1]);

  it("put is one PutObject, get one GetObject", async () => {
    const { store, calls, destroy } = recordingStore();
    await store.put(quote(500));
    expect(calls).toEqual([...STORE_S3_CALLS.put]);
    calls.length = 0;
    await store.get(quote(500).id);
    expect(calls).toEqual([...STORE_S3_CALLS.get]);
    destroy();
  });

  it("list is a ListObjectsV2, then a GetObject for each key it lists", async () => {
    const { store, calls, destroy } = recordingStore();
    for (const n of [501, 502, 503]) await store.put(quote(n));
    calls.length = 0;
    const page = await store.list({ limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(calls).toEqual(["ListObjectsV2", "GetObject", "GetObject", "GetObject"]);
    expect(folded(calls)).toEqual([...STORE_S3_CALLS.list]);
    destroy();
  });
});

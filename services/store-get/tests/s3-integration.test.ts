import { S3Client } from "@aws-sdk/client-s3";
import type { SavedQuote } from "@holonet/contracts/saved-quote";
import { createLogger } from "@holonet/lambda-kit/logger";
import { type LocalS3, localS3ClientConfig, startTemporaryS3 } from "@holonet/local-s3/local-s3";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import type { Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import httpGet from "../events/http-get-missing.json";
import httpList from "../events/http-list.json";
import { createHandler } from "../src/app";

// Integration: the handler with the real S3 store, against a real S3-compatible server. No mocks.
const BUCKET = "holonet-test-data";
const context = { awsRequestId: "00000000-0000-4000-8000-000000000005" } as Context;
let s3: LocalS3;
let client: S3Client;

const quotes: SavedQuote[] = Array.from({ length: 12 }, (_, n) => ({
  id: `01JDQ3H7Y8ZK4M6N2P9R5T${String(n).padStart(4, "0")}`,
  quote: `Quote ${n}`,
  ...(n % 2 === 0 && { author: `Author ${n}` }),
  savedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
}));

beforeAll(async () => {
  s3 = await startTemporaryS3([{ name: BUCKET }]);
  client = new S3Client(localS3ClientConfig(s3));
  const store = s3QuoteStore(client, BUCKET);
  for (const item of quotes) await store.put(item);
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});

type Response = { statusCode: number; headers: Record<string, string>; body?: string };
const handlerFor = (s3Client: S3Client) =>
  createHandler({
    store: s3QuoteStore(s3Client, BUCKET),
    logger: createLogger({ service: "store-get", write: () => {} }),
  });
const list = (query: Record<string, string>) => ({ ...httpList, queryStringParameters: query });

describe("store-get against a real S3", () => {
  it("reads a saved quote back by id", async () => {
    const item = quotes[4] as SavedQuote;
    const response = (await handlerFor(client)(
      { ...httpGet, pathParameters: { id: item.id } },
      context,
    )) as Response;
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? "")).toEqual(item);
  });

  it("pages through S3's listing newest first, every item once", async () => {
    const handler = handlerFor(client);
    const seen: SavedQuote[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const response = (await handler(list({ limit: "5", ...(cursor && { cursor }) }), context)) as Response;
      const page = JSON.parse(response.body ?? "");
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...quotes].reverse());
  });

  it("answers 503 with the error body when S3 cannot be reached", async () => {
    const down = await startTemporaryS3([]);
    await down.close();
    const unreachable = new S3Client({ ...localS3ClientConfig(down), maxAttempts: 1 });
    const response = (await handlerFor(unreachable)(list({}), context)) as Response;
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body ?? "").error.code).toBe("SERVICE_UNAVAILABLE");
    unreachable.destroy();
  });
});

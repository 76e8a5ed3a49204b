import { S3Client } from "@aws-sdk/client-s3";
import { createLogger } from "@holonet/lambda-kit/logger";
import { type LocalS3, localS3ClientConfig, startTemporaryS3 } from "@holonet/local-s3/local-s3";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import type { Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import httpSave from "../events/http-save.json";
import { createHandler } from "../src/app";
import { createQuoteIds } from "../src/quote-ids";

// Integration: the handler with the real S3 store, against a real S3-compatible server. No mocks.
const BUCKET = "holonet-test-data";
const context = { awsRequestId: "00000000-0000-4000-8000-000000000003" } as Context;
let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  s3 = await startTemporaryS3([{ name: BUCKET }]);
  client = new S3Client(localS3ClientConfig(s3));
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});

const handlerFor = (s3Client: S3Client) =>
  createHandler({
    store: s3QuoteStore(s3Client, BUCKET),
    now: () => new Date(),
    newId: createQuoteIds(),
    logger: createLogger({ service: "store-save", write: () => {} }),
  });

type Response = { statusCode: number; headers: Record<string, string>; body: string };

describe("store-save against a real S3", () => {
  it("saves what it acknowledges: every 201 can be read back with the content sent", async () => {
    const handler = handlerFor(client);
    const saved = await Promise.all(
      Array.from({ length: 20 }, async (_, n) => {
        const body = JSON.stringify({ quote: `Quote ${n} — “unicode” ✓`, author: `Author ${n}` });
        const response = (await handler({ ...httpSave, body }, context)) as Response;
        expect(response.statusCode).toBe(201);
        return JSON.parse(response.body);
      }),
    );
    const store = s3QuoteStore(client, BUCKET);
    for (const item of saved) expect(await store.get(item.id)).toEqual(item);
    expect(new Set(saved.map((item) => item.id)).size).toBe(20);
  });

  it("answers 503 with the error body when S3 cannot be reached", async () => {
    const down = await startTemporaryS3([]);
    await down.close();
    const unreachable = new S3Client({ ...localS3ClientConfig(down), maxAttempts: 1 });
    const response = (await handlerFor(unreachable)(httpSave, context)) as Response;
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body)).toEqual({
      error: { code: "SERVICE_UNAVAILABLE", message: "The quote store is unavailable (write)" },
    });
    unreachable.destroy();
  });
});

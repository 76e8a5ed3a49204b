import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import type { FunctionName } from "@holonet/contracts/functions";
import type { SavedQuote } from "@holonet/contracts/saved-quote";
import { type InvokeOutcome, invokeOnce } from "@holonet/local-invoke/invoke-bundle";
import { sampleEvents } from "@holonet/local-invoke/sample-events";
import { type ServiceOnLocalS3, startServiceOnLocalS3 } from "@holonet/local-invoke/service-function";
import { localS3ClientConfig } from "@holonet/local-s3/local-s3";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The built bundle (dist/handler.mjs), run as Lambda would run it, on every sample event in events/,
// against a real local S3 holding one saved quote.
const root = path.resolve(import.meta.dirname, "../../..");
const service: FunctionName = "store-get";
const saved: SavedQuote = {
  id: "01JDQ3H7Y8ZK4M6N2P9R5T0001",
  quote: "Hello there.",
  savedAt: "2026-01-01T00:00:00.000Z",
};
let local: ServiceOnLocalS3;

beforeAll(async () => {
  local = await startServiceOnLocalS3(root, service);
  const client = new S3Client(localS3ClientConfig(local));
  await s3QuoteStore(client, local.bucket).put(saved);
  client.destroy();
});
afterAll(() => local.close());

const invoke = (event: unknown) => invokeOnce(local.fn, event);
const http = (outcome: InvokeOutcome) => outcome.payload as { statusCode: number; body: string };

const expectations: Record<string, (outcome: InvokeOutcome) => void> = {
  "direct-list.json": (outcome) => expect(outcome.payload).toEqual({ items: [saved] }),
  "direct-get-missing.json": (outcome) => expect(outcome.error).toMatchObject({ errorType: "NotFoundError" }),
  "http-list.json": (outcome) => {
    expect(http(outcome).statusCode).toBe(200);
    expect(JSON.parse(http(outcome).body)).toEqual({ items: [saved] });
  },
  "http-get-missing.json": (outcome) => expect(http(outcome).statusCode).toBe(404),
  "http-get-bad-id.json": (outcome) => {
    expect(http(outcome).statusCode).toBe(400);
    expect(JSON.parse(http(outcome).body).error.details[0].path).toBe("path.id");
  },
  "http-list-bad-limit.json": (outcome) => {
    expect(http(outcome).statusCode).toBe(400);
    expect(JSON.parse(http(outcome).body).error.details[0].path).toBe("query.limit");
  },
};

describe(`${service} bundle on its sample events`, () => {
  const samples = sampleEvents(root, service);

  it("has an expectation for every sample event", () => {
    expect(samples.map((sample) => sample.file)).toEqual(Object.keys(expectations).sort());
  });

  it.each(samples)("$file", async ({ file, event }) => {
    expectations[file]?.(await invoke(event));
  });
});

import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import type { FunctionName } from "@holonet/contracts/functions";
import { SavedQuote } from "@holonet/contracts/saved-quote";
import { NOT_WELL_FORMED_MESSAGE } from "@holonet/contracts/text";
import { type InvokeOutcome, invokeOnce } from "@holonet/local-invoke/invoke-bundle";
import { sampleEvents } from "@holonet/local-invoke/sample-events";
import { type ServiceOnLocalS3, startServiceOnLocalS3 } from "@holonet/local-invoke/service-function";
import { localS3ClientConfig } from "@holonet/local-s3/local-s3";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import httpSave from "../events/http-save.json";

// The built bundle (dist/handler.mjs), run as Lambda would run it, on every sample event in events/,
// against a real local S3.
const root = path.resolve(import.meta.dirname, "../../..");
const service: FunctionName = "store-save";
let local: ServiceOnLocalS3;
let client: S3Client;

beforeAll(async () => {
  local = await startServiceOnLocalS3(root, service);
  client = new S3Client(localS3ClientConfig(local));
});
afterAll(async () => {
  client.destroy();
  await local.close();
});

const invoke = (event: unknown) => invokeOnce(local.fn, event);

const httpError = (outcome: InvokeOutcome) => JSON.parse((outcome.payload as { body: string }).body).error;

/** The item the function answered is in the bucket, exactly. */
async function expectStored(item: unknown) {
  const parsed = SavedQuote.parse(item);
  expect(await s3QuoteStore(client, local.bucket).get(parsed.id)).toEqual(parsed);
}

const expectations: Record<string, (outcome: InvokeOutcome) => Promise<void> | void> = {
  "direct-save.json": (outcome) => expectStored(outcome.payload),
  "http-save.json": async (outcome) => {
    expect(outcome.payload).toMatchObject({ statusCode: 201 });
    await expectStored(JSON.parse((outcome.payload as { body: string }).body));
  },
  "http-save-base64.json": async (outcome) => {
    expect(outcome.payload).toMatchObject({ statusCode: 201 });
    await expectStored(JSON.parse((outcome.payload as { body: string }).body));
  },
  "http-invalid-json.json": (outcome) => {
    expect(outcome.payload).toMatchObject({ statusCode: 400 });
    expect(httpError(outcome).code).toBe("INVALID_JSON");
  },
  "http-quote-too-long.json": (outcome) => {
    expect(outcome.payload).toMatchObject({ statusCode: 400 });
    expect(httpError(outcome).details).toEqual([
      { path: "body.quote", message: expect.stringContaining("1000") },
    ]);
  },
};

describe(`${service} bundle on its sample events`, () => {
  const samples = sampleEvents(root, service);

  it("has an expectation for every sample event", () => {
    expect(samples.map((sample) => sample.file)).toEqual(Object.keys(expectations).sort());
  });

  it.each(samples)("$file", async ({ file, event }) => {
    await expectations[file]?.(await invoke(event));
  });

  it("answers a quote with a lone surrogate, as the JSON escape a client sends, with 400 naming it", async () => {
    const outcome = await invoke({ ...httpSave, body: String.raw`{"quote":"Hello there \ud800"}` });
    expect(outcome.payload).toMatchObject({ statusCode: 400 });
    expect(httpError(outcome).details).toEqual([{ path: "body.quote", message: NOT_WELL_FORMED_MESSAGE }]);
  });

  it("stops at init, naming the variable, when DATA_BUCKET is missing", async () => {
    const outcome = await invokeOnce({ ...local.fn, environment: {} }, { quote: "x" });
    expect(outcome.error?.errorMessage).toContain("DATA_BUCKET");
  });
});

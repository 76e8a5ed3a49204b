import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { SavedQuote } from "@holonet/contracts/saved-quote";
import {
  type LocalS3,
  localS3ClientConfig,
  localS3Environment,
  startTemporaryS3,
} from "@holonet/local-s3/local-s3";
import { runIronWorkerTask } from "@holonet/platform-adapters/ironworker-task-process";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The IronWorker entry as IronWorker runs it, saving to a real S3 reached by endpoint and keys alone.
const SERVICE = path.resolve(import.meta.dirname, "..");
const BUCKET = "holonet-worker-data";
let s3: LocalS3;

beforeAll(async () => {
  s3 = await startTemporaryS3([{ name: BUCKET }]);
});
afterAll(async () => {
  await s3.close();
});

const runTask = (payload: unknown) =>
  runIronWorkerTask(SERVICE, payload, {
    DATA_BUCKET: BUCKET,
    ...localS3Environment(s3.endpoint, s3.credentials.functionRole),
  });

describe("store-save as an IronWorker task", () => {
  it("saves the payload's quote and writes the saved item", async () => {
    const task = await runTask({ quote: "Do. Or do not.", author: "Yoda" });
    expect(task.status, task.stderr).toBe(0);
    const item = SavedQuote.parse(JSON.parse(task.stdout));
    const client = new S3Client(localS3ClientConfig(s3));
    expect(await s3QuoteStore(client, BUCKET).get(item.id)).toEqual(item);
    client.destroy();
  });

  it("refuses a payload outside the contract", async () => {
    const task = await runTask({ quote: "" });
    expect(task.status).toBe(1);
    expect(JSON.parse(task.stdout).errorType).toBe("ValidationError");
  });
});

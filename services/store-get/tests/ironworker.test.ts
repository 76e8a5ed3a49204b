import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import type { SavedQuote } from "@holonet/contracts/saved-quote";
import {
  type LocalS3,
  localS3ClientConfig,
  localS3Environment,
  startTemporaryS3,
} from "@holonet/local-s3/local-s3";
import { runIronWorkerTask } from "@holonet/platform-adapters/ironworker-task-process";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The IronWorker entry as IronWorker runs it, reading from a real S3 reached by endpoint and keys alone.
const SERVICE = path.resolve(import.meta.dirname, "..");
const BUCKET = "holonet-worker-data";
const saved: SavedQuote = {
  id: "01JDQ3H7Y8ZK4M6N2P9R5T0001",
  quote: "Patience you must have.",
  savedAt: "2026-01-01T00:00:00.000Z",
};
let s3: LocalS3;

beforeAll(async () => {
  s3 = await startTemporaryS3([{ name: BUCKET }]);
  const client = new S3Client(localS3ClientConfig(s3));
  await s3QuoteStore(client, BUCKET).put(saved);
  client.destroy();
});
afterAll(async () => {
  await s3.close();
});

const runTask = (payload: unknown) =>
  runIronWorkerTask(SERVICE, payload, {
    DATA_BUCKET: BUCKET,
    ...localS3Environment(s3.endpoint, s3.credentials.functionRole),
  });

describe("store-get as an IronWorker task", () => {
  it("writes the quote the payload names", async () => {
    const task = await runTask({ id: saved.id });
    expect(task.status, task.stderr).toBe(0);
    expect(JSON.parse(task.stdout)).toEqual(saved);
  });

  it("writes a page for a page's payload", async () => {
    const task = await runTask({ limit: 5 });
    expect(task.status, task.stderr).toBe(0);
    expect(JSON.parse(task.stdout)).toEqual({ items: [saved] });
  });

  it("fails with NotFoundError for an id no quote has", async () => {
    const task = await runTask({ id: "01JDQ3H7Y8ZK4M6N2P9R5T0VWX" });
    expect(task.status).toBe(1);
    expect(JSON.parse(task.stdout).errorType).toBe("NotFoundError");
  });
});

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import type { SavedQuote } from "@holonet/contracts/saved-quote";
import {
  LOCAL_REGION,
  LOCAL_S3_CREDENTIALS,
  type LocalS3,
  localS3ClientConfig,
  startTemporaryS3,
} from "@holonet/local-s3/local-s3";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The IronWorker entry as IronWorker runs it, reading from a real S3 reached by endpoint and keys alone.
const SERVICE = path.resolve(import.meta.dirname, "..");
const BUCKET = "holonet-worker-data";
const dir = mkdtempSync(path.join(tmpdir(), "holonet-get-worker-"));
const saved: SavedQuote = {
  id: "01JDQ3H7Y8ZK4M6N2P9R5T0001",
  quote: "Patience you must have.",
  savedAt: "2026-01-01T00:00:00.000Z",
};
let s3: LocalS3;

beforeAll(async () => {
  s3 = await startTemporaryS3([{ name: BUCKET }]);
  const client = new S3Client(localS3ClientConfig(s3.endpoint));
  await s3QuoteStore(client, BUCKET).put(saved);
  client.destroy();
});
afterAll(async () => {
  await s3.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the task in its own process, asynchronously: the local S3 answers from this one. */
function runProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: SERVICE, env, timeout: 30_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

function runTask(payload: unknown) {
  const file = path.join(dir, "payload.json");
  writeFileSync(file, JSON.stringify(payload));
  return runProcess(["--import", "tsx", "src/ironworker.ts", "-payload", file, "-id", "task-1", "-d", dir], {
    ...process.env,
    DATA_BUCKET: BUCKET,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    AWS_REGION: LOCAL_REGION,
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
  });
}

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

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { SavedQuote } from "@holonet/contracts/saved-quote";
import {
  LOCAL_REGION,
  LOCAL_S3_CREDENTIALS,
  type LocalS3,
  localS3ClientConfig,
  startTemporaryS3,
} from "@holonet/local-s3/local-s3";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The IronWorker entry as IronWorker runs it, saving to a real S3 reached by endpoint and keys alone.
const SERVICE = path.resolve(import.meta.dirname, "..");
const BUCKET = "holonet-worker-data";
const dir = mkdtempSync(path.join(tmpdir(), "holonet-save-worker-"));
let s3: LocalS3;

beforeAll(async () => {
  s3 = await startTemporaryS3([{ name: BUCKET }]);
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

describe("store-save as an IronWorker task", () => {
  it("saves the payload's quote and writes the saved item", async () => {
    const task = await runTask({ quote: "Do. Or do not.", author: "Yoda" });
    expect(task.status, task.stderr).toBe(0);
    const item = SavedQuote.parse(JSON.parse(task.stdout));
    const client = new S3Client(localS3ClientConfig(s3.endpoint));
    expect(await s3QuoteStore(client, BUCKET).get(item.id)).toEqual(item);
    client.destroy();
  });

  it("refuses a payload outside the contract", async () => {
    const task = await runTask({ quote: "" });
    expect(task.status).toBe(1);
    expect(JSON.parse(task.stdout).errorType).toBe("ValidationError");
  });
});

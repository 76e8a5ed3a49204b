import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FREE_PORTS, type LocalCloud, startLocalCloud } from "../src/local-cloud";

// `pnpm invoke` (its real bin) beside a running local cloud: its S3 is its own unless asked for the cloud's.
const root = path.resolve(import.meta.dirname, "../../../..");
const invokeBin = path.join(root, "packages/tools/local-invoke/bin/holonet-invoke.mjs");
const run = promisify(execFile);
const invoke = (...args: string[]) =>
  run(process.execPath, [invokeBin, ...args, "--no-build"], { cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

const dataDir = mkdtempSync(path.join(tmpdir(), "holonet-invoke-cloud-"));
const eventFile = path.join(dataDir, "get-saved.json");
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({ root, dataDir: path.join(dataDir, "cloud"), ports: FREE_PORTS });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("pnpm invoke --cloud", () => {
  it("saves into the running cloud's bucket, which invoke's own S3 does not see", async () => {
    const cloudDir = path.join(dataDir, "cloud");
    const saved = await invoke(
      "store-save",
      "services/store-save/events/direct-save.json",
      "--cloud",
      "--data-dir",
      cloudDir,
    );
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stderr).toContain(`S3: the running local cloud's, ${cloud.s3} (--cloud)`);
    const { id } = JSON.parse(saved.stdout) as { id: string };
    writeFileSync(eventFile, JSON.stringify({ id }));

    // The cloud's own API reads it back: it is in the cloud's bucket.
    const read = await fetch(`${cloud.api}/quotes/${id}`);
    expect(read.status).toBe(200);

    const own = await invoke("store-get", eventFile);
    expect(own.stderr).toContain("S3: invoke's own local S3, objects in .holonet/invoke-s3/");
    expect(own.code).toBe(1);
    expect(JSON.parse(own.stdout)).toMatchObject({ errorType: "NotFoundError" });
  }, 60_000);

  it("says so when no cloud runs on the folder", async () => {
    const missing = path.join(dataDir, "none");
    const { code, stderr } = await invoke("store-get", eventFile, "--cloud", "--data-dir", missing);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `holonet-invoke: No local cloud is running on ${missing} (no dev.json there): start one with pnpm dev, or leave out --cloud to use invoke's own S3.\n`,
    );
  });
});

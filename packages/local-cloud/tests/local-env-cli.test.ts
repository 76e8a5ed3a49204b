import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { loadOrCreateCredentials } from "@holonet/local-auth/local-credentials";
import { afterAll, describe, expect, it } from "vitest";
import { writeDevConfig } from "../src/dev-config";

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, "../bin/holonet-local-env.mjs");
const dataDir = mkdtempSync(path.join(tmpdir(), "holonet-local-env-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const endpoint = (port: number) => `http://127.0.0.1:${port}`;

describe("pnpm -s local-env", () => {
  it("exports the cloud's endpoints and its own credentials, which a shell's eval takes as they are", async () => {
    writeDevConfig(dataDir, {
      api: endpoint(1),
      web: `${endpoint(2)}/`,
      s3: endpoint(3),
      lambda: endpoint(4),
      cloudformation: endpoint(5),
      logs: endpoint(6),
      dashboard: `${endpoint(7)}/`,
      functions: {},
    });
    const { developer } = loadOrCreateCredentials(dataDir);
    const script = `export AWS_SESSION_TOKEN=left-over; eval "$("${process.execPath}" "${bin}" --data-dir "${dataDir}")"; printf '%s|%s|%s|%s' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_ENDPOINT_URL_LAMBDA" "\${AWS_SESSION_TOKEN-unset}"`;
    const { stdout } = await run("bash", ["-c", script]);
    expect(stdout).toBe(`${developer.accessKeyId}|${developer.secretAccessKey}|${endpoint(4)}|unset`);
  });

  it("says where it looked when no cloud has run there", async () => {
    const missing = path.join(dataDir, "nothing");
    const failure = await run(process.execPath, [bin, "--data-dir", missing]).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain(`No local cloud has run in ${missing}`);
  });
});

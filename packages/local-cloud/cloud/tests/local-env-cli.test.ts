import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { loadOrCreateCredentials } from "@holonet/local-auth/local-credentials";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDevConfig } from "../src/dev-config";

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, "../bin/holonet-local-env.mjs");
const dataDir = mkdtempSync(path.join(tmpdir(), "holonet-local-env-"));
const endpoint = (port: number) => `http://127.0.0.1:${port}`;

/** Something that accepts connections, standing in for a running cloud's endpoints. */
let answering: Server;
let port: number;
/** A port nothing listens on any more: a cloud that is gone. */
let gonePort: number;

const listen = async () => {
  const server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
};
const cloudAt = (at: number) => ({
  api: endpoint(at),
  web: `${endpoint(at)}/`,
  s3: endpoint(at),
  lambda: endpoint(at),
  cloudformation: endpoint(at),
  logs: endpoint(at),
  dashboard: `${endpoint(at)}/`,
  stages: {
    dev: { api: endpoint(at), web: `${endpoint(at)}/` },
    ci: { api: endpoint(at), web: `${endpoint(at)}/` },
    prod: { api: endpoint(at), web: `${endpoint(at)}/` },
  },
  functions: {},
});

beforeAll(async () => {
  answering = await listen();
  port = (answering.address() as { port: number }).port;
  const gone = await listen();
  gonePort = (gone.address() as { port: number }).port;
  await new Promise((resolve) => gone.close(resolve));
});
afterAll(async () => {
  await new Promise((resolve) => answering.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("pnpm -s local-env", () => {
  it("exports the cloud's endpoints and its own credentials, which a shell's eval takes as they are", async () => {
    writeDevConfig(dataDir, cloudAt(port));
    const { developer } = loadOrCreateCredentials(dataDir);
    const script = `export AWS_SESSION_TOKEN=left-over; eval "$("${process.execPath}" "${bin}" --data-dir "${dataDir}")"; printf '%s|%s|%s|%s' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_ENDPOINT_URL_LAMBDA" "\${AWS_SESSION_TOKEN-unset}"`;
    const { stdout } = await run("bash", ["-c", script]);
    expect(stdout).toBe(`${developer.accessKeyId}|${developer.secretAccessKey}|${endpoint(port)}|unset`);
  });

  it("says where it looked when no cloud runs there", async () => {
    const missing = path.join(dataDir, "nothing");
    const failure = await run(process.execPath, [bin, "--data-dir", missing]).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain(`No local cloud is running on ${missing}`);
  });

  it("says the cloud in dev.json is not answering, rather than point the SDK at it", async () => {
    const stopped = path.join(dataDir, "stopped");
    writeDevConfig(stopped, cloudAt(gonePort));
    const failure = await run(process.execPath, [bin, "--data-dir", stopped]).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.stdout).toBe("");
    expect(failure.stderr).toContain(
      `The local cloud in ${path.join(stopped, "dev.json")} is not answering (Lambda API at ${endpoint(gonePort)}: connection refused)`,
    );
  });

  it("ends quietly when its reader goes away (| head -1)", async () => {
    writeDevConfig(dataDir, cloudAt(port));
    const child = spawn(process.execPath, [bin, "--data-dir", dataDir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The reader is gone before the first line is written: every write meets a closed pipe.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});

import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudLockPath } from "../src/cloud-lock";
import { type DevConfig, devConfigPath, readDevConfig } from "../src/dev-config";

// `pnpm dev` as a person runs it, through pnpm, in a process group of its own as a terminal's job is.
const root = path.resolve(import.meta.dirname, "../../../..");
const devBin = path.resolve(import.meta.dirname, "../bin/holonet-dev.mjs");
const localEnvBin = path.resolve(import.meta.dirname, "../bin/holonet-local-env.mjs");
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ANY_PORT = [
  "lambda",
  "s3",
  "web",
  "logs",
  "cloudformation",
  "dashboard",
  "ci-api",
  "ci-web",
  "prod-api",
  "prod-web",
].flatMap((name) => [`--${name}-port`, "0"]);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  config: DevConfig;
}

/** Starts a cloud and waits (bounded) for its dev.json and its banner. */
async function startDev(command: string, args: string[], dataDir: string): Promise<Started> {
  const child = spawn(command, args, { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  for (let waited = 0; waited < 90_000; waited += 100) {
    if (output.includes("Ctrl-C to stop") && existsSync(devConfigPath(dataDir)))
      return { child, output: () => output, exited, config: readDevConfig(dataDir) };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  throw new Error(`pnpm dev did not start:\n${output}`);
}

/** What a second command printed and how it exited. */
async function attempt(file: string, args: string[]) {
  return run(file, args, { cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

const dataDir = mkdtempSync(path.join(tmpdir(), "holonet-dev-cli-"));
const otherDataDir = mkdtempSync(path.join(tmpdir(), "holonet-dev-cli-other-"));
let apiPort: number;
let dev: Started;

beforeAll(async () => {
  apiPort = await freePort();
  dev = await startDev(
    "pnpm",
    ["dev", "--no-build", "--no-watch", "--data-dir", dataDir, "--api-port", String(apiPort), ...ANY_PORT],
    dataDir,
  );
}, 120_000);

afterAll(() => {
  if (dev?.child.pid !== undefined && dev.child.exitCode === null) process.kill(-dev.child.pid, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(otherDataDir, { recursive: true, force: true });
});

describe("pnpm dev", () => {
  it("shows each request as one line with its function's log lines under it", async () => {
    const answer = await fetch(`${dev.config.api}/quote?isJedi=true`);
    expect(answer.status).toBe(200);
    for (let waited = 0; waited < 5000 && !dev.output().includes("METRIC"); waited += 50) await sleep(50);
    const lines = dev.output().split("\n");
    const request = lines.findIndex((line) => line.startsWith("GET /quote?isJedi=true -> 200 in "));
    expect(lines[request]).toMatch(/\(quote v\d+, cold start [\d.]+ m?s\)$/);
    expect(lines[request + 1]).toMatch(/^ {4}METRIC Invocations=1 Errors=0 ColdStart=1 Duration=/);
    expect(dev.output()).not.toContain("START RequestId");
  });

  it("prints where each stage's API and website answer, and how ci and prod are filled", () => {
    const { stages } = dev.config;
    expect(stages.dev).toEqual({ api: dev.config.api, web: dev.config.web });
    expect(dev.output()).toMatch(new RegExp(`ci API +${stages.ci.api} `));
    expect(dev.output()).toMatch(new RegExp(`ci website +${stages.ci.web} `));
    expect(dev.output()).toMatch(new RegExp(`prod API +${stages.prod.api} `));
    expect(dev.output()).toMatch(new RegExp(`prod website +${stages.prod.web} `));
    expect(dev.output()).toContain(
      `ci and prod are filled by pnpm run deploy <service> --stage ci|prod (and web), after eval "$(pnpm -s local-env --data-dir ${dataDir})".`,
    );
  });

  it("refuses a second cloud on the same data folder, naming the first one's endpoints", async () => {
    const second = await attempt(process.execPath, [
      devBin,
      "--no-build",
      "--data-dir",
      dataDir,
      ...ANY_PORT,
    ]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`a local cloud already runs on ${dataDir}/ (pid `);
    expect(second.stderr).toContain(`HTTP API        ${dev.config.api}`);
    expect(second.stderr).toContain("--data-dir <dir>");
  });

  it("refuses a second cloud on the same port, naming the endpoint, the port, the option and the cloud holding it", async () => {
    const args = [
      devBin,
      "--no-build",
      "--data-dir",
      otherDataDir,
      "--api-port",
      String(apiPort),
      ...ANY_PORT,
    ];
    const second = await attempt(process.execPath, args);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`the HTTP API endpoint cannot listen on 127.0.0.1:${apiPort}`);
    expect(second.stderr).toContain("--api-port <n> or HOLONET_API_PORT=<n>");
    if (existsSync("/proc/net/tcp")) {
      // Linux tells which process holds a port: the first cloud, whose pid its lock file gives.
      const { pid } = JSON.parse(readFileSync(cloudLockPath(dataDir), "utf8")) as { pid: number };
      expect(second.stderr).toContain(
        `another Holonet local cloud holds it (pid ${pid}, data folder ${dataDir})`,
      );
    }
    expect(second.stderr).not.toContain("Unhandled 'error' event");
    expect(existsSync(devConfigPath(otherDataDir))).toBe(false);
  });

  it("stops cleanly on Ctrl-C: exit 0, no failure from pnpm, no dev.json or lock left behind", async () => {
    const exported = await attempt(process.execPath, [localEnvBin, "--data-dir", dataDir]);
    expect(exported.stdout).toContain(`export AWS_ENDPOINT_URL_LAMBDA='${dev.config.lambda}'`);

    // A terminal's Ctrl-C signals the whole foreground group: pnpm, its shell, the CLI.
    if (dev.child.pid !== undefined) process.kill(-dev.child.pid, "SIGINT");
    const code = await Promise.race([dev.exited, sleep(30_000).then(() => "timeout" as const)]);
    expect(code, dev.output()).toBe(0);
    expect(dev.output()).toContain("Stopped.");
    expect(dev.output()).not.toContain("ELIFECYCLE");
    expect(existsSync(devConfigPath(dataDir))).toBe(false);
    expect(existsSync(cloudLockPath(dataDir))).toBe(false);

    const after = await attempt(process.execPath, [localEnvBin, "--data-dir", dataDir]);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain(`No local cloud is running on ${dataDir}`);
  }, 60_000);

  it("with --verbose prints every line as Lambda and the API write them", async () => {
    const verbose = await startDev(
      process.execPath,
      [
        devBin,
        "--no-build",
        "--no-watch",
        "--verbose",
        "--data-dir",
        otherDataDir,
        "--api-port",
        "0",
        ...ANY_PORT,
      ],
      otherDataDir,
    );
    try {
      await fetch(`${verbose.config.api}/quote?isJedi=true`);
      for (let waited = 0; waited < 5000 && !verbose.output().includes("api        |"); waited += 50)
        await sleep(50);
      expect(verbose.output()).toMatch(/quote {6}\| START RequestId: \S+ Version: \d+/);
      expect(verbose.output()).toMatch(/quote {6}\| \{"_aws":/);
      expect(verbose.output()).toContain("api        | GET /quote -> 200");
    } finally {
      if (verbose.child.pid !== undefined) process.kill(-verbose.child.pid, "SIGTERM");
      expect(await verbose.exited).toBe(0);
    }
  }, 120_000);
});

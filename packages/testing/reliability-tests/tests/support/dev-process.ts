import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { type DevConfig, devConfigPath, readDevConfig } from "@holonet/local-cloud/dev-config";

const ROOT = path.resolve(import.meta.dirname, "../../../../..");
const CLI = path.join(ROOT, "packages/local-cloud/cloud/bin/holonet-dev.mjs");
const PORT_OPTIONS = ["api", "lambda", "s3", "web", "logs", "cloudformation", "dashboard"].flatMap((name) => [
  `--${name}-port`,
  "0",
]);
const STARTUP_MS = 90_000;
const EXIT_MS = 30_000;
const POLL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DevProcess {
  config: DevConfig;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /**
   * Sends `signal` and waits (bounded) for the exit. `group` signals its whole process group, function
   * instances included, as a terminal's Ctrl-C does; otherwise the CLI alone, as `kill <pid>` does.
   */
  stop(signal: NodeJS.Signals, options?: { group?: boolean }): Promise<number | null>;
  /** Kills what is left of it, if anything: for an afterAll after a failure. */
  kill(): void;
}

/**
 * `pnpm dev` as a developer runs it (the real CLI, no build, no watch), on free ports and in `dataDir`, in
 * a process group of its own; resolves once it has written dev.json.
 */
export async function startDevProcess(dataDir: string): Promise<DevProcess> {
  // The last run's dev.json names ports that are gone: wait for this run's.
  rmSync(devConfigPath(dataDir), { force: true });
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, "--no-build", "--no-watch", "--data-dir", dataDir, ...PORT_OPTIONS],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });

  const kill = () => {
    if (exitCode === undefined && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  };

  const deadline = Date.now() + STARTUP_MS;
  let config: DevConfig | undefined;
  while (config === undefined && exitCode === undefined && Date.now() < deadline) {
    if (existsSync(devConfigPath(dataDir))) {
      try {
        config = readDevConfig(dataDir);
      } catch {
        // Caught half-written: read it again at the next poll.
      }
    }
    if (config === undefined) await sleep(POLL_MS);
  }
  if (config === undefined) {
    kill();
    throw new Error(`holonet-dev did not write dev.json within ${STARTUP_MS} ms:\n${output.slice(-4000)}`);
  }

  return {
    config,
    output: () => output,
    kill,
    async stop(signal, { group = false } = {}) {
      if (exitCode !== undefined) return exitCode;
      if (child.pid !== undefined) process.kill(group ? -child.pid : child.pid, signal);
      const timeout = sleep(EXIT_MS).then(() => "timeout" as const);
      const outcome = await Promise.race([exited, timeout]);
      if (outcome === "timeout") {
        kill();
        throw new Error(
          `holonet-dev did not exit within ${EXIT_MS} ms of ${signal}:\n${output.slice(-4000)}`,
        );
      }
      return outcome;
    },
  };
}

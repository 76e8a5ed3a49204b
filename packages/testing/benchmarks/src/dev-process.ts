import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { type DevConfig, devConfigPath, readDevConfig } from "@holonet/local-cloud/dev-config";
import { httpRequest } from "./http-client";

const PORT_OPTIONS = ["api", "lambda", "s3", "web", "logs", "cloudformation", "dashboard"].flatMap((name) => [
  `--${name}-port`,
  "0",
]);
const STARTUP_MS = 180_000;
const EXIT_MS = 20_000;
const POLL_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DevProcess {
  config: DevConfig;
  /** From the spawn to the first 200 of GET /quote?isJedi=true. */
  firstOkMs: number;
  /** What pnpm dev said its builds took ("Built in N ms"); undefined with --no-build. */
  builtMs: number | undefined;
  stop(): Promise<void>;
}

/**
 * `pnpm dev` as a developer types it, in `repo`, on free ports (never the default ones a developer's own
 * pnpm dev holds) and in its own data folder; resolves at the API's first 200.
 */
export async function startDev(
  repo: string,
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<DevProcess> {
  rmSync(devConfigPath(dataDir), { force: true });
  const started = performance.now();
  const child: ChildProcess = spawn("pnpm", ["dev", "--data-dir", dataDir, ...PORT_OPTIONS], {
    cwd: repo,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const stop = async () => {
    if (exited) return;
    // Ctrl-C in a terminal signals the whole group: pnpm, the CLI and its function instances.
    killGroup("SIGINT");
    await Promise.race([exit, sleep(EXIT_MS)]);
    if (!exited) killGroup("SIGKILL");
    await Promise.race([exit, sleep(EXIT_MS)]);
  };

  const deadline = Date.now() + STARTUP_MS;
  try {
    let config: DevConfig | undefined;
    while (!exited && Date.now() < deadline) {
      if (config === undefined && existsSync(devConfigPath(dataDir))) {
        try {
          config = readDevConfig(dataDir);
        } catch {
          // Caught half-written: read it again.
        }
      }
      if (config !== undefined) {
        const answer = await httpRequest(`${config.api}/quote?isJedi=true`).catch(() => undefined);
        if (answer?.status === 200) {
          const built = /Built in (\d+) ms/.exec(output)?.[1];
          return {
            config,
            firstOkMs: performance.now() - started,
            builtMs: built === undefined ? undefined : Number(built),
            stop,
          };
        }
      }
      await sleep(POLL_MS);
    }
    throw new Error(`pnpm dev gave no 200 within ${STARTUP_MS} ms:\n${output.slice(-4000)}`);
  } catch (error) {
    await stop();
    throw error;
  }
}

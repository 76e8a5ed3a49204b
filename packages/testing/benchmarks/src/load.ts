import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface LoadOptions {
  /** http://127.0.0.1:<port>/...: the only kind of target. */
  url: string;
  connections: number;
  durationSeconds: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  connections: number;
  durationSeconds: number;
  /** 2xx answers. */
  ok: number;
  /** Other answers (429 when Lambda's concurrency limit is reached, say). */
  notOk: number;
  errors: number;
  /** 2xx answers per second. */
  rps: number;
  /** Latency of the 2xx answers, ms. */
  p50: number;
  p99: number;
  statusCodes: Record<string, number>;
}

const CHILD = fileURLToPath(new URL("./load-child.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");
/** Past the run's own duration, what a child may take to start and report before it is stopped. */
const SLACK_MS = 30_000;

/** One autocannon run, from a process of its own (see load-child.ts). */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return runLoadChild(CHILD, options, options.durationSeconds);
}

/**
 * Runs a load child (a TypeScript file run through tsx, given `options` as JSON in argv[2]) and answers
 * the LoadResult it prints as its last line; stopped if it outlives its run by far.
 */
export function runLoadChild(
  file: string,
  options: unknown,
  durationSeconds: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, file, JSON.stringify(options)], {
      stdio: ["ignore", "pipe", "pipe"],
      env,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), durationSeconds * 1000 + SLACK_MS);
    child.once("close", (code) => {
      clearTimeout(timer);
      const line = stdout.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || line === "") {
        reject(new Error(`The load run failed (exit ${code}): ${stderr.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line) as LoadResult);
    });
  });
}

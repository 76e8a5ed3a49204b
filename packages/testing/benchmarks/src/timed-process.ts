import { spawn } from "node:child_process";

export interface TimedRun {
  /** From the spawn to the moment measured: the first output, or the exit. */
  ms: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface TimedOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** "first-output": until the process writes its answer to stdout; "exit": until it ends. */
  until: "first-output" | "exit";
  timeoutMs: number;
}

/**
 * Spawns a process and times it, without blocking this process's event loop (servers measured here may
 * have to answer it). The process always runs to its end, or is killed at the timeout, before this resolves.
 */
export function timeProcess(command: string, args: string[], options: TimedOptions): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let firstOutput: number | undefined;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      firstOutput ??= performance.now();
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(
          new Error(
            `${command} ${args.join(" ")} took over ${options.timeoutMs} ms:\n${stderr.slice(-2000)}`,
          ),
        );
        return;
      }
      const end = options.until === "exit" ? performance.now() : firstOutput;
      if (end === undefined) {
        reject(
          new Error(`${command} ${args.join(" ")} wrote no answer (exit ${code}):\n${stderr.slice(-2000)}`),
        );
        return;
      }
      resolve({ ms: end - started, stdout, stderr, code });
    });
  });
}

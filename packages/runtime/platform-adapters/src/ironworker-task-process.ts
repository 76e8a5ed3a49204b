import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TaskRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a service's IronWorker entry (`src/ironworker.ts`) as IronWorker runs a task: its own process, given
 * `-payload <file> -id <task> -d <dir>`. Asynchronous, so that a local S3 in the calling process can answer it.
 */
export async function runIronWorkerTask(
  serviceDir: string,
  payload: unknown,
  environment: Record<string, string> = {},
): Promise<TaskRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "holonet-ironworker-"));
  const file = path.join(dir, "payload.json");
  writeFileSync(file, JSON.stringify(payload));
  const args = ["--import", "tsx", "src/ironworker.ts", "-payload", file, "-id", "task-1", "-d", dir];
  try {
    return await new Promise<TaskRun>((resolve, reject) => {
      const child = spawn(process.execPath, args, {
        cwd: serviceDir,
        env: { ...process.env, ...environment },
        timeout: 30_000,
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk;
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk;
      });
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

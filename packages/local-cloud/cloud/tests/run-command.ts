import { execFile } from "node:child_process";

/**
 * A command run as a person runs it, with the environment `eval "$(pnpm -s local-env)"` sets, its output
 * and status collected. Asynchronously: the local cloud answers from the test's own process, so a blocking
 * spawn would leave nobody to answer the command.
 */
export function runCommand(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        encoding: "utf8",
        timeout: options.timeoutMs ?? 60_000,
      },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ status, output: `${stdout}${stderr}` });
      },
    );
  });
}

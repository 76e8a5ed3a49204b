import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

export interface ServedService {
  url: string;
  close(): Promise<void>;
}

const STARTED = /serving on the Functions Framework at (http:\/\/\S+?)\/? /;
const START_TIMEOUT_MS = 30_000;

/**
 * Runs a service's own `serve:gcf` script, as `pnpm run serve:gcf` does, on a free port: the command line
 * is read from its package.json, so the test serves exactly what the script serves. Resolves once it
 * prints the URL it serves on.
 */
export function startServeGcf(
  serviceDir: string,
  environment: Record<string, string>,
): Promise<ServedService> {
  const manifest = JSON.parse(readFileSync(path.join(serviceDir, "package.json"), "utf8"));
  const [command, ...args] = String(manifest.scripts["serve:gcf"]).split(/\s+/);
  const adapters = path.join(serviceDir, "node_modules/@holonet/platform-adapters");
  const bin = JSON.parse(readFileSync(path.join(adapters, "package.json"), "utf8")).bin[command ?? ""];
  const child = spawn(process.execPath, [path.join(adapters, bin), ...args, "--port", "0"], {
    cwd: serviceDir,
    env: { ...process.env, ...environment },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`serve:gcf did not start in time:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = STARTED.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        child.off("exit", onExit);
        resolve({ url, close: () => stop(child) });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const onExit = (code: number | null) => fail(new Error(`serve:gcf exited with ${code}:\n${output}`));
    child.once("exit", onExit);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

import { spawn } from "node:child_process";

/**
 * The least a function instance in a process of its own can cost: a message to a warm child process over
 * Node's IPC channel and its answer back, with no work in between. A floor for any Invoke that crosses
 * into another process, as every local Lambda invocation does (docs/decisions/0007).
 */
export interface IpcEcho {
  roundTrip(message: unknown): Promise<unknown>;
  close(): void;
}

const ECHO = "process.on('message', (message) => process.send(message));";

export function startIpcEcho(): IpcEcho {
  const child = spawn(process.execPath, ["-e", ECHO], { stdio: ["ignore", "ignore", "ignore", "ipc"] });
  let waiting: ((message: unknown) => void) | undefined;
  child.on("message", (message) => waiting?.(message));
  return {
    roundTrip: (message) =>
      new Promise((resolve) => {
        waiting = resolve;
        child.send(message as object);
      }),
    close: () => {
      child.kill("SIGKILL");
    },
  };
}

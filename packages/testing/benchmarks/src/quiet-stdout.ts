import { closeSync, openSync, writeSync } from "node:fs";

/**
 * Sends this process's stdout to /dev/null while `work` runs: a function called in process (the direct
 * call, lambda-local, serverless-offline's worker) writes its log lines there, as an instance writes them
 * to its pipe, and they would otherwise fill the bench's own output. The write still costs a system call.
 */
export async function withStdoutDiscarded<T>(work: () => Promise<T>): Promise<T> {
  const sink = openSync("/dev/null", "w");
  const original = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk === "string") writeSync(sink, chunk);
    else writeSync(sink, chunk);
    const callback = rest.find((each) => typeof each === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    return await work();
  } finally {
    process.stdout.write = original;
    closeSync(sink);
  }
}

import { readFileSync } from "node:fs";

/**
 * A live process's peak resident memory in MB (Linux's VmHWM, the figure the runner reports as its maxRSS),
 * read from outside so that an instance about to be killed at its timeout can still say how much it used.
 * Undefined where /proc is not there (macOS, Windows) or the process is gone.
 */
export function peakMemoryMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as z from "zod";

/**
 * `cloud.lock` in a data folder: which process runs a local cloud on it, and where that cloud answers. Two
 * clouds on one folder would share S3's files and the functions' versions, and each would write dev.json
 * over the other's: the second is refused instead.
 */
export const CloudLock = z.object({
  pid: z.number().int(),
  /** The process's start time as the kernel counts it, so that a reused pid is not taken for the cloud. */
  processStart: z.string().optional(),
  startedAt: z.string(),
  /** Where it answers, once it does: endpoint name to URL, as in dev.json. */
  endpoints: z.record(z.string(), z.string()).optional(),
});
export type CloudLock = z.infer<typeof CloudLock>;

export const cloudLockPath = (dataDir: string) => path.join(dataDir, "cloud.lock");

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: CloudLock,
  ) {
    super(`A local cloud (pid ${holder.pid}) already runs on ${dataDir}.`);
    this.name = "DataDirInUseError";
  }
}

/** Field 22 of /proc/<pid>/stat (Linux): when the process started; undefined where there is no /proc. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote the lock still runs: its pid is alive and, where Linux tells, the same process. */
export function isLockHolderAlive(lock: CloudLock): boolean {
  try {
    process.kill(lock.pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const start = processStartTime(lock.pid);
  return lock.processStart === undefined || start === undefined || start === lock.processStart;
}

function readLock(file: string): { text: string; lock: CloudLock | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    return { text, lock: CloudLock.parse(JSON.parse(text)) };
  } catch {
    return { text, lock: undefined };
  }
}

/** The live cloud that holds the data folder, if any; a lock left by one that crashed does not count. */
export function runningCloud(dataDir: string): CloudLock | undefined {
  const lock = readLock(cloudLockPath(dataDir))?.lock;
  return lock && isLockHolderAlive(lock) ? lock : undefined;
}

/** Writes `text` to `file` whole or not at all: through a file of its own beside it. */
function writeWhole(file: string, text: string, place: (temporary: string) => void) {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, text);
  try {
    place(temporary);
  } finally {
    rmSync(temporary, { force: true });
  }
}

export interface HeldLock {
  /** Adds where the cloud answers, once it does. */
  update(endpoints: Record<string, string>): void;
  release(): void;
}

/**
 * Takes the data folder for this process, or throws DataDirInUseError naming the cloud that has it. The
 * lock appears whole and only if absent (a hard link to a finished file), so of two clouds starting at once
 * exactly one gets it; a lock whose process is gone is removed first.
 */
export function acquireCloudLock(dataDir: string): HeldLock {
  mkdirSync(dataDir, { recursive: true });
  const file = cloudLockPath(dataDir);
  const mine: CloudLock = {
    pid: process.pid,
    ...(processStartTime(process.pid) !== undefined && { processStart: processStartTime(process.pid) }),
    startedAt: new Date().toISOString(),
  };
  const held: HeldLock = {
    update(endpoints) {
      writeWhole(file, `${JSON.stringify({ ...mine, endpoints }, null, 2)}\n`, (temporary) =>
        renameSync(temporary, file),
      );
    },
    release() {
      if (readLock(file)?.lock?.pid === process.pid) rmSync(file, { force: true });
    },
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeWhole(file, `${JSON.stringify(mine, null, 2)}\n`, (temporary) => linkSync(temporary, file));
      return held;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const found = readLock(file);
    if (found?.lock && isLockHolderAlive(found.lock)) throw new DataDirInUseError(dataDir, found.lock);
    // Left by a cloud that is gone (or unreadable): remove it, unless another start has just replaced it.
    if (found === undefined || readLock(file)?.text === found.text) rmSync(file, { force: true });
  }
  throw new Error(`Could not take ${file}: another local cloud keeps starting on ${dataDir}.`);
}

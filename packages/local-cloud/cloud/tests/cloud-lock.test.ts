import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  acquireCloudLock,
  cloudLockPath,
  DataDirInUseError,
  processStartTime,
  runningCloud,
} from "../src/cloud-lock";

const folders: string[] = [];
const freshFolder = () => {
  const folder = mkdtempSync(path.join(tmpdir(), "holonet-lock-"));
  folders.push(folder);
  return folder;
};
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A pid that was a process a moment ago and is no more. */
const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid;

describe("the data folder's lock", () => {
  it("refuses a second cloud on the folder, naming the first one's pid and endpoints", () => {
    const dataDir = freshFolder();
    const held = acquireCloudLock(dataDir);
    held.update({ api: "http://127.0.0.1:4560" });
    let refusal: unknown;
    try {
      acquireCloudLock(dataDir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as DataDirInUseError).holder).toMatchObject({
      pid: process.pid,
      endpoints: { api: "http://127.0.0.1:4560" },
    });
    held.release();
    expect(existsSync(cloudLockPath(dataDir))).toBe(false);
    acquireCloudLock(dataDir).release();
  });

  it("does not count a lock left by a cloud that is gone", () => {
    const dataDir = freshFolder();
    writeFileSync(cloudLockPath(dataDir), JSON.stringify({ pid: deadPid(), startedAt: "then" }));
    expect(runningCloud(dataDir)).toBeUndefined();
    const held = acquireCloudLock(dataDir);
    expect(runningCloud(dataDir)?.pid).toBe(process.pid);
    held.release();
  });

  it.runIf(processStartTime(process.pid) !== undefined)(
    "does not take a reused pid for the cloud that wrote the lock",
    () => {
      const dataDir = freshFolder();
      // This process's pid, but a process that started at another time: the cloud that wrote it is gone.
      writeFileSync(
        cloudLockPath(dataDir),
        JSON.stringify({ pid: process.pid, processStart: "1", startedAt: "then" }),
      );
      expect(runningCloud(dataDir)).toBeUndefined();
      acquireCloudLock(dataDir).release();
    },
  );

  it("gives the folder to exactly one of several clouds starting at once", async () => {
    const dataDir = freshFolder();
    const tsx = path.resolve(import.meta.dirname, "../node_modules/.bin/tsx");
    const lockModule = path.resolve(import.meta.dirname, "../src/cloud-lock.ts");
    // The one that takes it holds it until the end of the test, however late the others start.
    const script = `import { acquireCloudLock } from ${JSON.stringify(lockModule)};
      try { acquireCloudLock(${JSON.stringify(dataDir)}); console.log("took it"); setInterval(() => {}, 1000); }
      catch (error) { console.log(error.name); }`;
    const children = Array.from({ length: 4 }, () =>
      spawn(tsx, ["--eval", script], { stdio: ["ignore", "pipe", "inherit"] }),
    );
    const outcomes = await Promise.all(
      children.map(
        (child) =>
          new Promise<string>((resolve) => {
            let output = "";
            child.stdout.on("data", (chunk: Buffer) => {
              output += chunk.toString();
              if (output.includes("\n")) resolve(output.trim());
            });
            child.once("exit", () => resolve(output.trim()));
          }),
      ),
    ).finally(() => {
      for (const child of children) child.kill();
    });
    expect(outcomes.filter((outcome) => outcome === "took it")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "DataDirInUseError")).toHaveLength(3);
  }, 30_000);
});

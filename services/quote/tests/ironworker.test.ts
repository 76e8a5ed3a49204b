import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The IronWorker entry as IronWorker runs it: a process given `-payload <file> -id <task> -d <dir>`.
const SERVICE = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "holonet-quote-worker-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runTask(payload: unknown) {
  const file = path.join(dir, "payload.json");
  writeFileSync(file, JSON.stringify(payload));
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "src/ironworker.ts", "-payload", file, "-id", "task-1", "-d", dir],
    {
      cwd: SERVICE,
      encoding: "utf8",
      timeout: 30_000,
    },
  );
}

describe("quote as an IronWorker task", () => {
  it("writes a Jedi's quote, and only that, to stdout", () => {
    const task = runTask({ isJedi: true });
    expect(task.status).toBe(0);
    expect(JSON.parse(task.stdout).quote.length).toBeGreaterThan(0);
  });

  it("fails anyone else's task with the seed's words", () => {
    const task = runTask({ isJedi: false });
    expect(task.status).toBe(1);
    expect(JSON.parse(task.stdout)).toEqual({
      errorType: "ForbiddenError",
      errorMessage: "Sorry you can't get a quote",
    });
  });
});

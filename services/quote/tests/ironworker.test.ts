import path from "node:path";
import { runIronWorkerTask } from "@holonet/platform-adapters/ironworker-task-process";
import { describe, expect, it } from "vitest";

// The IronWorker entry as IronWorker runs it: a process given `-payload <file> -id <task> -d <dir>`.
const SERVICE = path.resolve(import.meta.dirname, "..");
const runTask = (payload: unknown) => runIronWorkerTask(SERVICE, payload);

describe("quote as an IronWorker task", () => {
  it("writes a Jedi's quote, and only that, to stdout", async () => {
    const task = await runTask({ isJedi: true });
    expect(task.status).toBe(0);
    expect(JSON.parse(task.stdout).quote.length).toBeGreaterThan(0);
  });

  it("fails anyone else's task with the classic lambda's words", async () => {
    const task = await runTask({ isJedi: false });
    expect(task.status).toBe(1);
    expect(JSON.parse(task.stdout)).toEqual({
      errorType: "ForbiddenError",
      errorMessage: "Sorry you can't get a quote",
    });
  });
});

import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchSources } from "../src/hot-reload";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "holonet-watch-"));
  dirs.push(dir);
  return dir;
};
const waitFor = async (condition: () => boolean, ms = 3000) => {
  const until = Date.now() + ms;
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe("watchSources", () => {
  it("reloads a folder once after a burst of saves, and only that folder", async () => {
    const [a, b] = [tempDir(), tempDir()];
    const reloads: string[] = [];
    const watcher = watchSources({ a, b }, async (name) => void reloads.push(name), 100);
    for (let i = 0; i < 5; i++) writeFileSync(path.join(a, "app.ts"), `export const n = ${i};\n`);
    await waitFor(() => reloads.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    watcher.close();
    expect(reloads).toEqual(["a"]);
  });

  it("runs one more reload for a save made during a reload, never two at once", async () => {
    const dir = tempDir();
    let running = 0;
    let most = 0;
    let count = 0;
    const watcher = watchSources(
      { dir },
      async () => {
        running += 1;
        most = Math.max(most, running);
        count += 1;
        if (count === 1) writeFileSync(path.join(dir, "second.ts"), "x");
        await new Promise((resolve) => setTimeout(resolve, 200));
        running -= 1;
      },
      50,
    );
    writeFileSync(path.join(dir, "first.ts"), "x");
    await waitFor(() => count >= 2 && running === 0);
    watcher.close();
    expect(count).toBe(2);
    expect(most).toBe(1);
  });

  it("sees saves that write a new file over the old one, again and again, also in a new folder", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "app.ts"), "v0");
    let count = 0;
    const watcher = watchSources(
      { dir },
      async () => {
        count += 1;
      },
      50,
    );
    const atomicSave = (file: string, text: string) => {
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
    };
    atomicSave(path.join(dir, "app.ts"), "v1");
    await waitFor(() => count === 1);
    atomicSave(path.join(dir, "app.ts"), "v2");
    await waitFor(() => count === 2);
    mkdirSync(path.join(dir, "lib"));
    await waitFor(() => count === 3);
    atomicSave(path.join(dir, "lib", "util.ts"), "v3");
    await waitFor(() => count === 4);
    watcher.close();
    expect(count).toBe(4);
  });
});

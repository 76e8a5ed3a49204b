import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// The real bin, from the repository's root, as `pnpm invoke` runs it.
const root = path.resolve(import.meta.dirname, "../../../..");
const bin = path.resolve(import.meta.dirname, "../bin/holonet-invoke.mjs");
const run = promisify(execFile);
const invoke = (...args: string[]) =>
  run(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, INIT_CWD: root } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe("pnpm invoke", () => {
  it("says the event file is missing, and lists the service's sample events", async () => {
    const { code, stderr } = await invoke("quote");
    expect(code).toBe(2);
    expect(stderr).toContain("holonet-invoke: The event file is missing: pnpm invoke quote <event.json>.");
    expect(stderr).toContain("  services/quote/events/direct-jedi.json\n");
    expect(stderr).toContain("  services/quote/events/http-not-jedi.json\n");
    expect(stderr).not.toContain("Name the service");
  });

  it("says where an event file fails to parse", async () => {
    const file = path.relative(root, path.join(import.meta.dirname, "fixtures/missing-comma.json"));
    const { code, stderr } = await invoke("quote", file, "--no-build");
    expect(code).toBe(2);
    expect(stderr).toBe(
      [
        `holonet-invoke: Cannot parse the event ${file} as JSON (line 3, column 3): expected ',' or '}', found '"'.`,
        '  3 |   "name": "Luke"',
        "        ^",
        "",
      ].join("\n"),
    );
  });

  it("runs every sample event, labelled, an expected function error in one line, and counts them", async () => {
    const { code, stdout, stderr } = await invoke("quote", "--all-samples", "--no-build");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^quote · services\/quote\/events\/direct-jedi\.json -> answered in [\d.]+ m?s/m);
    expect(stdout).toMatch(/^quote · services\/quote\/events\/direct-not-jedi\.json -> function error in /m);
    expect(stdout).toContain("  => ForbiddenError: Sorry you can't get a quote\n");
    expect(stdout).toMatch(/^quote · services\/quote\/events\/http-not-jedi\.json -> answered 403 in /m);
    expect(`${stdout}${stderr}`).not.toContain("at quoteFor");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("5 invoked, 4 answered, 1 function error");
  });

  it("ends quietly when its reader goes away (| head -1)", async () => {
    const child = spawn(process.execPath, [bin, "quote", "--all-samples", "--no-build"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);
  });
});

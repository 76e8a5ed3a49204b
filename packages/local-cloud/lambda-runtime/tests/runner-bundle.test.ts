import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { lambdaContext } from "@holonet/bundle-config/lambda-context";
import { afterAll, expect, it } from "vitest";
import { RUNNER_BUNDLE } from "../src/runner-bundle";

// pnpm dev builds the runner in its own process, pnpm build with tsup: every function instance must start
// the same runner either way. Built both ways and compared byte for byte.
const directory = path.resolve(import.meta.dirname, "..");
const scratch = mkdtempSync(path.join(tmpdir(), "holonet-runner-bundle-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const run = promisify(execFile);

it("pnpm dev's runner.mjs and its map are tsup's", async () => {
  // Both in folders at the same depth, so that the map's relative source paths match too.
  const [tsupDir, devDir] = [path.join(scratch, "tsup"), path.join(scratch, "dev")];
  await run(path.join(directory, "node_modules", ".bin", "tsup"), ["--out-dir", tsupDir, "--silent"], {
    cwd: directory,
  });
  const context = await lambdaContext(directory, { outDir: devDir, record: false, bundle: RUNNER_BUNDLE });
  try {
    await context.rebuild();
  } finally {
    await context.dispose();
  }
  for (const file of ["runner.mjs", "runner.mjs.map"]) {
    const [built, dev] = [readFileSync(path.join(tsupDir, file)), readFileSync(path.join(devDir, file))];
    expect(dev.equals(built), `${file} differs from tsup's`).toBe(true);
  }
}, 120_000);

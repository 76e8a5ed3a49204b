import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const BIN = path.resolve(import.meta.dirname, "../bin/holonet-serve-gcf.mjs");
const STORE_SAVE = path.resolve(import.meta.dirname, "../../../../services/store-save");

describe("holonet-serve-gcf", () => {
  it("names every missing variable of a store service and stops", () => {
    const environment = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_") && name !== "DATA_BUCKET"),
    );
    const run = spawnSync(
      process.execPath,
      [BIN, "--source", "src/gcf.ts", "--target", "store-save", "--port", "0"],
      {
        cwd: STORE_SAVE,
        env: environment,
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    expect(run.status).toBe(1);
    for (const name of [
      "DATA_BUCKET",
      "AWS_ENDPOINT_URL_S3",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_REGION",
    ]) {
      expect(run.stderr).toContain(name);
    }
  });

  it("explains itself when the source or target is missing", () => {
    const run = spawnSync(process.execPath, [BIN], { encoding: "utf8", timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--source <entry module> --target <function>");
  });
});

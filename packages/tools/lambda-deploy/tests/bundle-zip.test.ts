import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { codeSha256, zipDirectory } from "../src/bundle-zip";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "holonet-zip-"));
  mkdirSync(path.join(dir, "lib"));
  writeFileSync(path.join(dir, "handler.mjs"), "export const handler = async () => 1;\n");
  writeFileSync(path.join(dir, "lib", "util.mjs"), "export const two = 2;\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("zipDirectory", () => {
  it("holds every file under its relative path", () => {
    const files = unzipSync(zipDirectory(dir));
    expect(Object.keys(files).sort()).toEqual(["handler.mjs", "lib/util.mjs"]);
    expect(new TextDecoder().decode(files["lib/util.mjs"])).toBe("export const two = 2;\n");
  });

  it("gives the same bytes, and so the same CodeSha256, for the same files at any time", () => {
    const first = zipDirectory(dir);
    utimesSync(path.join(dir, "handler.mjs"), new Date("2030-01-01"), new Date("2030-01-01"));
    const second = zipDirectory(dir);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(codeSha256(second)).toBe(codeSha256(first));
  });

  it("gives other bytes when one byte of code changes", () => {
    const before = codeSha256(zipDirectory(dir));
    writeFileSync(path.join(dir, "handler.mjs"), "export const handler = async () => 2;\n");
    expect(codeSha256(zipDirectory(dir))).not.toBe(before);
  });

  it("leaves source maps out, unless asked for them", () => {
    writeFileSync(path.join(dir, "handler.mjs.map"), '{"version":3}');
    expect(Object.keys(unzipSync(zipDirectory(dir))).sort()).toEqual(["handler.mjs", "lib/util.mjs"]);
    expect(Object.keys(unzipSync(zipDirectory(dir, { sourceMaps: true }))).sort()).toEqual([
      "handler.mjs",
      "handler.mjs.map",
      "lib/util.mjs",
    ]);
  });

  it("states CodeSha256 as Lambda does: base64 of the SHA-256", () => {
    expect(codeSha256(new TextEncoder().encode("abc"))).toBe("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  });
});

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cachedWalk } from "../src/directory-listings";

// s3rver's own walk, to compare with: this file never loads local-s3.ts, which replaces it.
const { walk: s3rverWalk } = createRequire(import.meta.url)("s3rver/lib/utils.js") as {
  walk: (dir: string, filter?: (dir: string) => boolean) => Generator<string>;
};

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "holonet-walk-"));
  mkdirSync(path.join(root, "quotes", "deeper"), { recursive: true });
  for (const name of ["b._S3rver_object", "a._S3rver_object", "a._S3rver_metadata.json"])
    writeFileSync(path.join(root, "quotes", name), "x");
  writeFileSync(path.join(root, "quotes", "deeper", "c._S3rver_object"), "x");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Dates a folder back, as if its last change were long past: its listing may then be kept. */
const settle = (dir: string) => utimesSync(dir, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

describe("the cached walk of s3rver's folders", () => {
  it("yields what s3rver's walk yields, in its order, with and without a folder filter", () => {
    const walk = cachedWalk();
    const skipDeeper = (dir: string) => !dir.endsWith("deeper");
    expect([...walk(root)]).toEqual([...s3rverWalk(root)]);
    expect([...walk(root, skipDeeper)]).toEqual([...s3rverWalk(root, skipDeeper)]);
  });

  it("sees an object added after a listing was kept", () => {
    const walk = cachedWalk();
    settle(path.join(root, "quotes"));
    expect([...walk(root)]).toHaveLength(4);
    writeFileSync(path.join(root, "quotes", "d._S3rver_object"), "x");
    expect([...walk(root)]).toEqual([...s3rverWalk(root)]);
    expect([...walk(root)]).toHaveLength(5);
  });

  it("sees an object removed after a listing was kept", () => {
    const walk = cachedWalk();
    settle(path.join(root, "quotes"));
    expect([...walk(root)]).toHaveLength(4);
    rmSync(path.join(root, "quotes", "b._S3rver_object"));
    expect([...walk(root)]).toEqual([...s3rverWalk(root)]);
  });
});

import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { docFiles, GENERATED_DIRS } from "../src/doc-files";

// What is committed must be what the code generates: a contract changed without `pnpm run docs` fails here.
// (Plain `pnpm docs` is pnpm's own command, which opens a package's web page: the script needs `run`.)
const root = path.resolve(import.meta.dirname, "../../../..");
const committed = (file: string) =>
  existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), "utf8") : undefined;

describe("the generated docs", () => {
  it("are committed as the code generates them", () => {
    const stale = docFiles(root)
      .filter((doc) => committed(doc.path) !== doc.content)
      .map((doc) => doc.path);
    expect(stale, `stale: ${stale.join(", ")} - run pnpm run docs`).toEqual([]);
  });

  it("leave nothing in the generated folders that the code no longer generates", () => {
    const generated = new Set(docFiles(root).map((doc) => doc.path));
    const leftOver = GENERATED_DIRS.flatMap((dir) =>
      readdirSync(path.join(root, dir)).map((name) => `${dir}/${name}`),
    ).filter((file) => !generated.has(file));
    expect(leftOver, `left over: ${leftOver.join(", ")} - run pnpm run docs`).toEqual([]);
  });

  it("are the same bytes every time, with no machine's path and no date in them", () => {
    const first = docFiles(root);
    expect(docFiles(root)).toEqual(first);
    for (const doc of first) {
      expect(doc.content, doc.path).not.toContain(root);
      expect(doc.content, doc.path).not.toMatch(/20\d\d-\d\d-\d\dT/);
    }
  });
});

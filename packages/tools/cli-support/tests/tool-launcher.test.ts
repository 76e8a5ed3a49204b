import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toolFiles } from "../src/tool-launcher.mjs";

const LAUNCHER = path.resolve(import.meta.dirname, "../src/tool-launcher.mjs");
const require = createRequire(import.meta.url);
const ESBUILD_PACKAGE = path.dirname(require.resolve("esbuild/package.json"));

const CLI = `import { createRequire } from "node:module";
import { version } from "esbuild";
import { where } from "./where";

const esbuild = createRequire(import.meta.url).resolve("esbuild");
console.log(JSON.stringify({ where: where(), url: import.meta.url, dirname: import.meta.dirname, filename: import.meta.filename, version, esbuild }));
`;
const WHERE = `export const where = (): string => import.meta.url;\n`;

/** A command's package as the workspace has them: bin/, src/, and node_modules with its one dependency. */
function toolPackage(): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), "holonet-tool-")));
  mkdirSync(path.join(dir, "bin"));
  mkdirSync(path.join(dir, "src"));
  mkdirSync(path.join(dir, "node_modules"));
  symlinkSync(ESBUILD_PACKAGE, path.join(dir, "node_modules", "esbuild"));
  writeFileSync(
    path.join(dir, "bin", "tool.mjs"),
    `import { launchTool } from ${JSON.stringify(pathToFileURL(LAUNCHER).href)};\nawait launchTool(new URL("../src/cli.ts", import.meta.url));\n`,
  );
  writeFileSync(path.join(dir, "src", "cli.ts"), CLI);
  writeFileSync(path.join(dir, "src", "where.ts"), WHERE);
  return dir;
}

const run = (dir: string) =>
  spawnSync(process.execPath, [path.join(dir, "bin", "tool.mjs")], { cwd: dir, encoding: "utf8" });

describe("launchTool", () => {
  let dir: string;
  beforeEach(() => {
    dir = toolPackage();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("runs the command from a bundle in which each module keeps its own import.meta and its packages", () => {
    const result = run(dir);
    expect(result.stderr).toBe("");
    const seen = JSON.parse(result.stdout);
    const source = (file: string) => path.join(dir, "src", file);
    expect(seen).toEqual({
      where: pathToFileURL(source("where.ts")).href,
      url: pathToFileURL(source("cli.ts")).href,
      dirname: path.join(dir, "src"),
      filename: source("cli.ts"),
      version: require("esbuild").version,
      // The file the source itself resolves to (Node follows pnpm's links to it).
      esbuild: path.join(realpathSync(ESBUILD_PACKAGE), "lib", "main.js"),
    });
    // The package stays outside the bundle, imported by the file the source's own import resolves to.
    const bundle = readFileSync(toolFiles(source("cli.ts")).bundle, "utf8");
    expect(bundle).toContain(`from ${JSON.stringify(seen.esbuild)}`);
    expect(bundle).not.toContain("ESBUILD_BINARY_PATH"); // a name only esbuild's own code holds
  });

  it("bundles again after an edit, and only then", () => {
    const { bundle } = toolFiles(path.join(dir, "src", "cli.ts"));
    run(dir);
    const first = statSync(bundle).mtimeMs;
    expect(run(dir).status).toBe(0);
    expect(statSync(bundle).mtimeMs).toBe(first);

    writeFileSync(path.join(dir, "src", "where.ts"), `export const where = (): string => "edited";\n`);
    const edited = run(dir);
    expect(JSON.parse(edited.stdout).where).toBe("edited");
    expect(statSync(bundle).mtimeMs).not.toBe(first);
  });

  it("names the place of a source that does not build, without a stack trace, and exits 1", () => {
    writeFileSync(path.join(dir, "src", "where.ts"), `export const where = (): string => ;\n`);
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("its source does not build");
    expect(result.stderr).toMatch(/where\.ts:1:\d+: ERROR: Unexpected ";"/);
    expect(result.stderr).toContain("Fix it and run the command again.");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("shows an error's stack at the TypeScript source's lines", () => {
    writeFileSync(
      path.join(dir, "src", "where.ts"),
      `type Where = string;\n\nexport const where = (): Where => {\n  throw new Error("from where");\n};\n`,
    );
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("from where");
    expect(result.stderr).toContain(`${path.join(dir, "src", "where.ts")}:4:`);
  });

  it("refuses import.meta.resolve, whose answer would depend on where the bundle is", () => {
    writeFileSync(
      path.join(dir, "src", "where.ts"),
      `export const where = (): string => import.meta.resolve("esbuild");\n`,
    );
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("import.meta.resolve cannot be kept in a bundled command");
  });
});

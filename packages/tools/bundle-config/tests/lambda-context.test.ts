import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { RUNNER_BUNDLE, RUNNER_PACKAGE_DIR } from "@holonet/lambda-runtime/runner-bundle";
import { version as esbuildVersion } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { LambdaBuildError, lambdaBuildOptions, lambdaContext } from "../src/lambda-context";

// pnpm dev and a deploy build with lambdaContext, pnpm build with tsup: a deployed bundle must be the one that
// ran locally. Each function service and the runner are built both ways and the files compared byte for byte.
const root = path.resolve(import.meta.dirname, "../../../..");
const SERVICES = ["quote", "store-save", "store-get"];
const run = promisify(execFile);
const scratch = mkdtempSync(path.join(tmpdir(), "holonet-lambda-context-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("pnpm dev's bundles are pnpm build's", () => {
  it("uses the esbuild that tsup uses", () => {
    const fromTsup = createRequire(createRequire(import.meta.url).resolve("tsup"))("esbuild/package.json");
    expect(esbuildVersion).toBe(fromTsup.version);
  });

  // Each function service, and the runner every instance starts (its own settings, RUNNER_BUNDLE).
  const bundles = [
    ...SERVICES.map((service) => ({
      name: `services/${service}`,
      directory: path.join(root, "services", service),
      files: ["handler.mjs", "handler.mjs.map"],
      bundle: undefined,
    })),
    {
      name: "the function runner",
      directory: RUNNER_PACKAGE_DIR,
      files: ["runner.mjs", "runner.mjs.map"],
      bundle: RUNNER_BUNDLE,
    },
  ];
  for (const { name, directory, files, bundle } of bundles) {
    it(`writes tsup's ${files.join(" and ")} for ${name}`, async () => {
      // Both in folders at the same depth, so that the map's relative source paths match too.
      const [tsupDir, devDir] = [path.join(scratch, name, "tsup"), path.join(scratch, name, "dev")];
      await run(path.join(directory, "node_modules", ".bin", "tsup"), ["--out-dir", tsupDir, "--silent"], {
        cwd: directory,
      });
      const context = await lambdaContext(directory, {
        outDir: devDir,
        record: false,
        ...(bundle && { bundle }),
      });
      try {
        await context.rebuild();
        // A second, incremental build writes the same bytes again.
        await context.rebuild();
      } finally {
        await context.dispose();
      }
      for (const file of files) {
        const [built, dev] = [readFileSync(path.join(tsupDir, file)), readFileSync(path.join(devDir, file))];
        expect(dev.equals(built), `${file} differs from tsup's`).toBe(true);
      }
    }, 120_000);
  }
});

describe("lambdaContext", () => {
  it("tells a syntax error as file:line:col, relative to the root, and leaves the last bundle in place", async () => {
    const directory = mkdtempSync(path.join(scratch, "broken-"));
    const source = path.join(directory, "src", "handler.ts");
    await mkdir(path.dirname(source));
    writeFileSync(source, "export const handler = async () => ({ ok: true });\n");
    const context = await lambdaContext(directory, { root: scratch });
    try {
      await context.rebuild();
      const before = readFileSync(path.join(directory, "dist", "handler.mjs"));
      writeFileSync(source, "export const handler = async () => ({ ok: true };\n");
      const failure = await context.rebuild().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(LambdaBuildError);
      expect((failure as LambdaBuildError).lines).toEqual([
        `${path.relative(scratch, source)}:1:48: ERROR: Expected ")" but found ";"`,
      ]);
      expect(readFileSync(path.join(directory, "dist", "handler.mjs")).equals(before)).toBe(true);
    } finally {
      await context.dispose();
    }
  });

  it("builds at the start only what changed since its last build, as turbo's cache would", async () => {
    const directory = mkdtempSync(path.join(scratch, "cached-"));
    await mkdir(path.join(directory, "src"));
    const source = path.join(directory, "src", "handler.ts");
    writeFileSync(source, 'export const handler = async () => "one";\n');
    const started = async () => {
      const context = await lambdaContext(directory);
      try {
        return await context.buildIfChanged();
      } finally {
        await context.dispose();
      }
    };
    expect(await started()).toBe(true);
    expect(await started()).toBe(false);
    writeFileSync(source, 'export const handler = async () => "two";\n');
    expect(await started()).toBe(true);
    expect(readFileSync(path.join(directory, "dist", "handler.mjs"), "utf8")).toContain('"two"');
    expect(await started()).toBe(false);
    // A bundle written by someone else since (or removed) is not the one recorded.
    writeFileSync(path.join(directory, "dist", "handler.mjs"), "export const handler = 1;");
    expect(await started()).toBe(true);
    expect(await started()).toBe(false);
  });

  it("refuses a tsup setting it does not translate, rather than build something else", () => {
    expect(() => lambdaBuildOptions(root, { format: ["esm"], platform: "node", treeshake: true })).toThrow(
      /does not translate tsup's treeshake/,
    );
  });
});

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  type BuildContext,
  type BuildOptions,
  context,
  version as esbuildVersion,
  type Message,
  type Metafile,
  type Plugin,
} from "esbuild";
import type { Options } from "tsup";
import { lambdaBundle } from "./lambda-bundle";

/**
 * `pnpm dev`'s builds of a Lambda bundle: an esbuild context kept per service, so that a save costs an
 * incremental rebuild instead of a turbo and a tsup process. The options are lambdaBundle()'s, translated
 * the way tsup 8.5 hands them to esbuild, and the files are written the way tsup writes them, so that the
 * bytes are `pnpm build`'s (tests/lambda-context.test.ts compares them with tsup's own output).
 */

/** tsup's loaders for asset files, which it passes to esbuild on every build. */
const TSUP_LOADERS: BuildOptions["loader"] = Object.fromEntries(
  [
    "aac",
    "css",
    "eot",
    "flac",
    "gif",
    "jpeg",
    "jpg",
    "mp3",
    "mp4",
    "ogg",
    "otf",
    "png",
    "svg",
    "ttf",
    "wav",
    "webm",
    "webp",
    "woff",
    "woff2",
  ].map((extension) => [`.${extension}`, "file" as const]),
);

/** tsup's removeNodeProtocol (on by default): `node:fs` is imported as `fs`. */
const nodeProtocol: Plugin = {
  name: "node-protocol",
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => ({
      path: args.path.slice("node:".length),
      external: true,
    }));
  },
};

/**
 * The settings lambdaBundle() may hold and how each reaches esbuild. Any other one stops the dev build, so
 * that a setting added to the bundle is never silently left out of `pnpm dev`'s bundles.
 */
const TRANSLATED = new Set([
  "entry",
  "format",
  "outExtension",
  "platform",
  "target",
  "minify",
  "keepNames",
  "sourcemap",
  "splitting",
  "clean",
  "noExternal",
  "banner",
]);

/** Everything is bundled only when noExternal matches every import: then tsup's external plugin is a no-op. */
const bundlesEverything = (noExternal: Options["noExternal"]) =>
  noExternal?.some(
    (pattern) => pattern instanceof RegExp && pattern.source === ".*" && pattern.flags === "",
  ) === true;

/**
 * The tsconfig.json tsup finds (the nearest one from the service's folder up), which it hands to esbuild
 * for every file, dependencies included: without it esbuild reads each file's own nearest tsconfig (none
 * for a dependency), and drops the "use strict" that the services' `strict` keeps in bundled CommonJS.
 */
function tsupTsconfig(directory: string): string | undefined {
  for (let folder = path.resolve(directory); ; folder = path.dirname(folder)) {
    const file = path.join(folder, "tsconfig.json");
    if (existsSync(file)) {
      // tsup then runs swc on every file instead: not something this build reproduces.
      if (readFileSync(file, "utf8").includes("emitDecoratorMetadata"))
        throw new Error(
          "lambda-context.ts does not build with emitDecoratorMetadata (tsup uses swc for it).",
        );
      return file;
    }
    if (path.dirname(folder) === folder) return undefined;
  }
}

/** esbuild's options for lambdaBundle() in `directory` (a service's folder), as tsup 8.5 builds them. */
export function lambdaBuildOptions(
  directory: string,
  options: Options = lambdaBundle(),
  outDir = "dist",
): BuildOptions {
  const unknown = Object.keys(options).filter((key) => !TRANSLATED.has(key));
  if (unknown.length > 0)
    throw new Error(
      `lambda-context.ts does not translate tsup's ${unknown.join(", ")}: teach it as tsup does.`,
    );
  const formats = typeof options.format === "string" ? [options.format] : options.format;
  if (formats?.length !== 1 || formats[0] !== "esm") throw new Error("lambda-context.ts builds ESM only.");
  if (options.platform !== "node") throw new Error("lambda-context.ts builds for Node.js only.");
  if (!bundlesEverything(options.noExternal))
    throw new Error("lambda-context.ts bundles every dependency only (noExternal: [/.*/]).");
  if (typeof options.minify === "string") throw new Error("lambda-context.ts does not run terser.");
  if (typeof options.sourcemap === "string") throw new Error("lambda-context.ts writes external maps only.");
  const extension = options.outExtension?.({ format: "esm", options: {} as never, pkgType: "module" }).js;
  const banner = typeof options.banner === "function" ? options.banner({ format: "esm" }) : options.banner;
  const tsconfig = tsupTsconfig(directory);
  return {
    absWorkingDir: directory,
    ...(tsconfig && { tsconfig }),
    entryPoints: options.entry as BuildOptions["entryPoints"],
    format: "esm",
    bundle: true,
    platform: "node",
    sourcemap: options.sourcemap ? "external" : false,
    target: options.target as BuildOptions["target"],
    ...(banner && { banner }),
    loader: TSUP_LOADERS,
    // tsup's choice for Node.js, not esbuild's default (main first): it changes which file a package gives.
    mainFields: ["module", "main"],
    plugins: [nodeProtocol],
    define: { TSUP_FORMAT: JSON.stringify("esm") },
    outdir: outDir,
    ...(extension && { outExtension: { ".js": extension } }),
    write: false,
    splitting: options.splitting ?? false,
    logLevel: "silent",
    // As tsup asks for it; here it also lists the files a build read, for the record of the last one.
    metafile: true,
    ...(options.minify !== undefined && { minify: options.minify }),
    ...(options.keepNames !== undefined && { keepNames: options.keepNames }),
  };
}

/** A failed build: one line per error in esbuild's short form, the file relative to `root`. */
export class LambdaBuildError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "LambdaBuildError";
  }
}

/** esbuild's errors in its short form, `file:line:col: ERROR: message`, each file relative to `root`. */
export function errorLines(errors: Message[], directory: string, root: string): string[] {
  return errors.map((error) => {
    const where = error.location;
    const place = where
      ? `${path.relative(root, path.join(directory, where.file))}:${where.line}:${where.column}: `
      : "";
    return `${place}ERROR: ${error.text}`;
  });
}

export interface LambdaContext {
  /** Builds the bundle again (incrementally) and writes it; a LambdaBuildError leaves the files as they were. */
  rebuild(): Promise<void>;
  /**
   * rebuild(), unless the record of the last build says that the bundle on disk came from the files and
   * settings as they are now: then nothing (false), as turbo's cache would replay it.
   */
  buildIfChanged(): Promise<boolean>;
  dispose(): Promise<void>;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("base64");

/** A file installed by pnpm: its path names its package's version (and patch), and the lockfile pins it. */
const installed = (file: string) => file.split(path.sep).includes("node_modules");

/**
 * What a build's bundle depends on: esbuild, the settings, the workspace's files it read, and the
 * lockfile. Installed files count by their path alone: pnpm's store paths name the version and the patch,
 * and the lockfile changes with them, so reading them (most of a bundle with the AWS SDK) buys nothing.
 * The package.json of every workspace package a file came from counts too (its exports decide which file
 * an import resolves to).
 */
async function fingerprint(directory: string, options: BuildOptions, inputs: string[], root: string) {
  const packageFiles = new Set<string>();
  for (const input of inputs
    .map((each) => path.resolve(directory, each))
    .filter((file) => !installed(file))) {
    for (let folder = path.dirname(input); ; folder = path.dirname(folder)) {
      const file = path.join(folder, "package.json");
      if (packageFiles.has(file) || existsSync(file)) {
        packageFiles.add(file);
        break;
      }
      if (path.dirname(folder) === folder) break;
    }
  }
  const files = [
    ...inputs.map((input) => path.resolve(directory, input)).filter((file) => !installed(file)),
    ...packageFiles,
    path.join(root, "pnpm-lock.yaml"),
    ...(typeof options.tsconfig === "string" ? [options.tsconfig] : []),
  ].sort();
  const hashes = await Promise.all(
    files.map(async (file) => [file, sha256(await readFile(file).catch(() => Buffer.alloc(0)))] as const),
  );
  const settings = JSON.stringify({ ...options, plugins: options.plugins?.map((plugin) => plugin.name) });
  return sha256(JSON.stringify({ esbuild: esbuildVersion, settings, inputs, hashes }));
}

interface BuildRecord {
  /** The files the build read, relative to the service's folder. */
  inputs: string[];
  fingerprint: string;
  /** The files it wrote and their hashes: a bundle rewritten since (or deleted) is built again. */
  outputs: Record<string, string>;
}

/** Where the walk up from `directory` finds pnpm-lock.yaml: the workspace's root. */
function workspaceRoot(directory: string): string {
  for (let folder = path.resolve(directory); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, "pnpm-lock.yaml")) || path.dirname(folder) === folder) return folder;
  }
}

export interface LambdaContextOptions {
  /** Where error lines' paths start from (the repository's root); the service's folder by default. */
  root?: string;
  /** The output folder, relative to the service's; dist as for tsup. */
  outDir?: string;
  /** Keep the record of each build for buildIfChanged (under the service's node_modules/.cache); on by default. */
  record?: boolean;
  /**
   * The tsup settings to build with: a function's, lambdaBundle(), by default. Another bundle that tsup
   * builds in `pnpm build` (the function runner's) passes its own, under the same translation.
   */
  bundle?: Options;
}

/**
 * A context for the service in `directory`. Nothing is built until the first rebuild(), which empties the
 * output folder first as tsup's `clean` does; later ones only overwrite the bundle and its map.
 */
export async function lambdaContext(
  directory: string,
  {
    root = directory,
    outDir = "dist",
    record: keepRecord = true,
    bundle: options = lambdaBundle(),
  }: LambdaContextOptions = {},
): Promise<LambdaContext> {
  const buildOptions = lambdaBuildOptions(directory, options, outDir);
  const built: BuildContext = await context(buildOptions);
  const lockRoot = workspaceRoot(directory);
  // Outside dist/, which is zipped whole; keyed by the output folder, since a test builds elsewhere.
  const recordPath = path.join(
    directory,
    "node_modules",
    ".cache",
    "holonet-lambda-context",
    `${sha256(path.resolve(directory, outDir)).replace(/[/+=]/g, "_")}.json`,
  );
  const outputsNow = async (names: string[]) =>
    Object.fromEntries(
      await Promise.all(
        names.map(async (name) => [
          name,
          await readFile(path.resolve(directory, name)).then(sha256, () => ""),
        ]),
      ),
    );
  const recordBuild = async (metafile: Metafile | undefined) => {
    if (!metafile || !keepRecord) return;
    const inputs = Object.keys(metafile.inputs);
    const names = Object.keys(metafile.outputs);
    const record: BuildRecord = {
      inputs,
      fingerprint: await fingerprint(directory, buildOptions, inputs, lockRoot),
      outputs: await outputsNow(names),
    };
    await mkdir(path.dirname(recordPath), { recursive: true });
    await writeFile(recordPath, JSON.stringify(record));
  };
  const upToDate = async () => {
    try {
      const record = JSON.parse(await readFile(recordPath, "utf8")) as BuildRecord;
      const outputs = await outputsNow(Object.keys(record.outputs));
      if (Object.entries(record.outputs).some(([name, hash]) => outputs[name] !== hash)) return false;
      return record.fingerprint === (await fingerprint(directory, buildOptions, record.inputs, lockRoot));
    } catch {
      return false;
    }
  };
  let cleaned = !options.clean;
  const rebuild = async () => {
    let result: Awaited<ReturnType<BuildContext["rebuild"]>>;
    try {
      result = await built.rebuild();
    } catch (error) {
      const errors = (error as { errors?: Message[] }).errors;
      if (!errors) throw error;
      throw new LambdaBuildError(errorLines(errors, directory, root));
    }
    if (!cleaned) {
      await rm(path.resolve(directory, outDir), { recursive: true, force: true });
      cleaned = true;
    }
    const files = result.outputFiles ?? [];
    const maps = new Map(files.filter((file) => file.path.endsWith(".map")).map((file) => [file.path, file]));
    await Promise.all(
      files
        .filter((file) => !file.path.endsWith(".map"))
        .map(async (file) => {
          await mkdir(path.dirname(file.path), { recursive: true });
          const map = maps.get(`${file.path}.map`);
          // As tsup writes them: the map's comment after the code, the map re-serialised without spaces.
          const comment = map ? `//# sourceMappingURL=${path.basename(file.path)}.map` : "";
          await writeFile(file.path, file.text + comment);
          if (map) await writeFile(map.path, JSON.stringify(JSON.parse(map.text)));
        }),
    );
    // Written after the bundle: a build stopped half-way leaves no record, so the next start builds.
    await recordBuild(result.metafile);
  };
  return {
    rebuild,
    async buildIfChanged() {
      if (await upToDate()) return false;
      await rebuild();
      return true;
    },
    dispose: () => built.dispose(),
  };
}

/**
 * One build of the bundle in `directory`, unless the record of its last build says the bundle came from the
 * files as they are (false then): for a command that builds once, as a deploy does.
 */
export async function buildIfChanged(
  directory: string,
  options: LambdaContextOptions = {},
): Promise<boolean> {
  const context = await lambdaContext(directory, options);
  try {
    return await context.buildIfChanged();
  } finally {
    await context.dispose();
  }
}

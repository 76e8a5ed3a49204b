// How Holonet's commands start: from their TypeScript source, with no build step between an edit and a run,
// but without a TypeScript loader at every start. The first run after an edit bundles the command's own
// workspace source into one file (node_modules/.cache/holonet-tools/ of its package, esbuild, ~0.3 s); every
// later run imports that file, once a stat of each file it came from shows none has changed. Packages from
// node_modules stay outside the bundle, imported by the exact file the source's import resolves to, so the
// code that runs is the code `tsx` would have run (docs/decisions/0016).
//
// This file is plain JavaScript because it is what runs before anything can load TypeScript.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import module, { isBuiltin } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Bumped when what the launcher writes changes shape, so that older bundles are rebuilt. */
const FORMAT = 1;
const LAUNCHER = fileURLToPath(import.meta.url);
/**
 * Each `import.meta` value a module may read, the name the bundle gives it, and its value for a source file
 * (see sourceLocals).
 * @type {[expression: string, local: string, value: (file: string) => string][]}
 */
const LOCALS = [
  ["import.meta.url", "__holonetSourceUrl", (file) => pathToFileURL(file).href],
  ["import.meta.filename", "__holonetSourceFile", (file) => file],
  ["import.meta.dirname", "__holonetSourceDir", (file) => path.dirname(file)],
];

/**
 * Runs the command whose source is `entryUrl` (its package's `src/<name>.ts`), bundling it first when
 * its cached bundle is missing or older than any file it was made from.
 * @param {URL | string} entryUrl
 */
export async function launchTool(entryUrl) {
  const entry = fileURLToPath(entryUrl);
  const files = toolFiles(entry);
  if (!isFresh(files.manifest)) {
    try {
      await bundleTool(entry, files);
    } catch (error) {
      process.stderr.write(`${describeBuildFailure(entry, error)}\n`);
      process.exit(1);
    }
  }
  // Stack traces name the TypeScript source, as they did under tsx.
  process.setSourceMapsEnabled(true);
  // Node 22.1+ keeps the compiled code of the bundle and its packages between runs (about 0.1 s of a
  // start on Node 24); Node 20 has no such cache.
  const compileCache = /** @type {{ enableCompileCache?: (dir: string) => unknown }} */ (module)
    .enableCompileCache;
  compileCache?.(path.join(path.dirname(files.dir), "compile-cache"));
  await import(pathToFileURL(files.bundle).href);
}

/**
 * Where the bundle of `entry` and the list of what it was made from are kept.
 * @param {string} entry
 */
export function toolFiles(entry) {
  const packageDir = path.dirname(path.dirname(entry));
  const name = path.basename(entry).replace(/\.[cm]?ts$/, "");
  const dir = path.join(packageDir, "node_modules", ".cache", "holonet-tools", name);
  return {
    dir,
    bundle: path.join(dir, `${name}.mjs`),
    manifest: path.join(dir, "manifest.json"),
  };
}

/**
 * The bundle is fresh when every file it was made from (the workspace sources, each external package file
 * it imports, this launcher) has the size and modification time it had then.
 * @param {string} manifestPath
 */
function isFresh(manifestPath) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch {
    return false;
  }
  if (manifest?.format !== FORMAT || typeof manifest.files !== "object") return false;
  for (const [file, [mtimeMs, size]] of Object.entries(manifest.files)) {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs !== mtimeMs || stat.size !== size) return false;
  }
  return true;
}

/**
 * @param {string} entry
 * @param {ReturnType<typeof toolFiles>} files
 */
async function bundleTool(entry, files) {
  const { build } = await import("esbuild");
  /** @type {Set<string>} */
  const externals = new Set();
  const result = await build({
    entryPoints: [entry],
    outfile: files.bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    metafile: true,
    write: false,
    logLevel: "silent",
    define: Object.fromEntries(LOCALS.map(([expression, local]) => [expression, local])),
    plugins: [
      {
        name: "holonet-tool",
        setup(build) {
          // Workspace packages are bundled; anything else stays external, by the file it resolves to
          // from the importing source (pnpm gives each package only its own dependencies).
          build.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (isBuiltin(args.path)) return { external: true };
            if (args.path.startsWith("@holonet/") || args.pluginData === "resolving") return undefined;
            const resolved = await build.resolve(args.path, {
              kind: args.kind,
              resolveDir: args.resolveDir,
              importer: args.importer,
              pluginData: "resolving",
            });
            if (resolved.errors.length > 0) return { errors: resolved.errors };
            if (resolved.path.includes(`${path.sep}node_modules${path.sep}`)) {
              externals.add(resolved.path);
              return { path: resolved.path, external: true };
            }
            return { path: resolved.path };
          });
          build.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
            const text = readFileSync(args.path, "utf8");
            if (text.includes("import.meta.resolve"))
              return {
                errors: [
                  {
                    text: "import.meta.resolve cannot be kept in a bundled command; resolve from import.meta.url",
                  },
                ],
              };
            return {
              contents: sourceLocals(args.path) + text,
              loader: args.path.endsWith("x") ? "tsx" : "ts",
            };
          });
        },
      },
    ],
  });
  const inputs = [
    ...Object.keys(result.metafile.inputs).map((input) => path.resolve(input)),
    ...externals,
    LAUNCHER,
  ];
  const manifest = {
    format: FORMAT,
    files: Object.fromEntries(
      inputs.map((file) => {
        const stat = statSync(file);
        return [file, [stat.mtimeMs, stat.size]];
      }),
    ),
  };
  mkdirSync(files.dir, { recursive: true });
  // Written aside and renamed, the map before the bundle: another run starting meanwhile reads a whole
  // bundle, old or new.
  const bundleLast = [...result.outputFiles].sort(
    (a, b) => Number(a.path === files.bundle) - Number(b.path === files.bundle),
  );
  for (const output of bundleLast) writeAtomically(output.path, output.contents);
  writeAtomically(files.manifest, JSON.stringify(manifest));
}

/**
 * Each module's own `import.meta.url`, `filename` and `dirname`, as if it ran from its source: `define`
 * turns each use into a reference to these, which esbuild keeps apart per module. They share the source's
 * first line, so that every line keeps its number in stack traces.
 * @param {string} file
 */
function sourceLocals(file) {
  return LOCALS.map(([, local, value]) => `const ${local} = ${JSON.stringify(value(file))};`).join(" ");
}

/**
 * @param {string} file
 * @param {string | Uint8Array} contents
 */
function writeAtomically(file, contents) {
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, contents);
  renameSync(aside, file);
}

/**
 * @param {string} entry
 * @param {unknown} error
 */
function describeBuildFailure(entry, error) {
  const command = path.relative(process.cwd(), entry) || entry;
  const errors =
    /** @type {{ errors?: { text: string, location?: { file: string, line: number, column: number } | null }[] }} */ (
      error
    ).errors;
  if (!Array.isArray(errors) || errors.length === 0)
    return `Could not start ${command}: ${/** @type {Error} */ (error).message}`;
  const lines = errors.map(({ text, location }) =>
    location ? `${location.file}:${location.line}:${location.column + 1}: ERROR: ${text}` : `ERROR: ${text}`,
  );
  return `Could not start ${command}: its source does not build.\n${lines.join("\n")}\nFix it and run the command again.`;
}

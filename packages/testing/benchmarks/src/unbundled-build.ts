import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { build, type Plugin } from "esbuild";

/**
 * Leaves every npm package outside the build, pointing at the file Node would load from the service's
 * node_modules, so that it loads module by module at run time as a classic Lambda zip (the code and its
 * node_modules folder) does. Our own workspace packages are TypeScript source, so they are compiled in.
 */
const packagesOutside: Plugin = {
  name: "packages-outside",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("@holonet/") || args.pluginData === "outside") return undefined;
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      const resolved = await esbuild.resolve(args.path, {
        kind: "require-call",
        resolveDir: args.resolveDir,
        pluginData: "outside",
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, external: true };
    });
  },
};

export interface UnbundledBuild {
  /** The handler, as CommonJS (what a classic zip's handler is), requiring each package by its path. */
  file: string;
  /** The packages it loads at run time, with everything they depend on. */
  packageDirs: string[];
}

/** Builds a service the classic way, into `outDir`. */
export async function buildUnbundled(serviceDir: string, outDir: string): Promise<UnbundledBuild> {
  const file = path.join(outDir, "handler.cjs");
  const result = await build({
    entryPoints: [path.join(serviceDir, "src", "handler.ts")],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    metafile: true,
    logLevel: "silent",
    plugins: [packagesOutside],
  });
  const external = Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((each) => each.external && path.isAbsolute(each.path)).map((each) => each.path),
  );
  return { file, packageDirs: packageClosure(external.map(packageDirOf)) };
}

function packageDirOf(file: string): string {
  let dir = path.dirname(realpathSync(file));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    try {
      if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name) return dir;
    } catch {
      // No manifest here (or one without a name, as dist-es/package.json): look further up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package above ${file}`);
    dir = parent;
  }
}

/** Each package and its dependencies, as pnpm lays them out (a package's dependencies are its siblings). */
function packageClosure(roots: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...new Set(roots)];
  while (queue.length > 0) {
    const dir = queue.pop() as string;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
      name: string;
      dependencies?: Record<string, string>;
    };
    const nodeModules = dir.slice(0, dir.length - manifest.name.length);
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      try {
        queue.push(realpathSync(path.join(nodeModules, dependency)));
      } catch {
        // An optional dependency not installed on this platform.
      }
    }
  }
  return [...seen].sort();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(full);
    return entry.isFile() || statSync(full).isFile() ? [full] : [];
  });
}

/** What the classic zip of the handler and its node_modules would weigh: each file deflated, as zip stores it. */
export function classicZipBytes(unbundled: UnbundledBuild): { files: number; bytes: number } {
  const files = [unbundled.file, ...unbundled.packageDirs.flatMap(filesUnder)];
  // Each entry also costs its local and central headers: about 30 + 46 bytes and its name twice.
  const bytes = files.reduce(
    (sum, file) => sum + deflateRawSync(readFileSync(file), { level: 9 }).length + 76 + 2 * file.length,
    22,
  );
  return { files: files.length, bytes };
}

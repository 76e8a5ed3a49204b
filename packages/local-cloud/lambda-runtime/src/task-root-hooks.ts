/**
 * Makes Node load a task root's .js and extension-less files as Lambda does: as CommonJS, unless a package.json
 * inside the task root says otherwise (package-scope.ts). Only files whose scope would come from a package.json
 * above the task root are touched; Node already agrees with Lambda on the rest.
 */
import { readFileSync } from "node:fs";
import nodeModule from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { packageScope } from "./package-scope";

interface LoadResult {
  format?: string | null;
  source?: unknown;
}
type LoadContext = { format?: string | null };
interface SyncHooks {
  load(
    url: string,
    context: LoadContext,
    nextLoad: (url: string, context: LoadContext) => LoadResult,
  ): LoadResult;
}
type CompileJs = (
  module: { _compile(source: string, filename: string, format?: string): void },
  filename: string,
) => void;

const loader = nodeModule as unknown as {
  // Node 22.15+ and 24: hooks that run in the loading thread, for require() and import() alike.
  registerHooks?: (hooks: SyncHooks) => void;
  // The CommonJS loader's compiler for .js and unknown extensions, which reads the package scope again.
  _extensions: Record<string, CompileJs>;
};

const readsAsCommonJs = (file: string) => {
  const extension = path.extname(file);
  return extension === ".js" || extension === "";
};

/** Whether a file is in one of the task roots with no package.json of the function's above it, by folder. */
function outsideScopeTest(taskRoots: readonly string[]) {
  const byFolder = new Map<string, boolean>();
  return (file: string) => {
    const root = taskRoots.find((each) => file.startsWith(`${each}${path.sep}`));
    if (root === undefined || !readsAsCommonJs(file)) return false;
    const folder = path.dirname(file);
    let outside = byFolder.get(folder);
    if (outside === undefined) {
      outside = packageScope(folder, root) === "outside";
      byFolder.set(folder, outside);
    }
    return outside;
  };
}

/**
 * Installs the loading rules for these task roots (a root and its real path, when a link leads to it):
 * require() compiles such a file as CommonJS, and import() hands it to the CommonJS loader. Without
 * synchronous hooks (Node.js before 22.15), import() keeps Node's own package scope.
 */
export function keepTaskRootsCommonJs(taskRoots: readonly string[]): void {
  const outsideScope = outsideScopeTest(taskRoots);
  const compileJs = loader._extensions[".js"];
  if (!compileJs) return;
  loader._extensions[".js"] = function compileAsLambdaDoes(module, filename) {
    if (!outsideScope(filename)) return compileJs.call(this, module, filename);
    module._compile(readFileSync(filename, "utf8"), filename, "commonjs");
  };
  loader.registerHooks?.({
    load(url, context, nextLoad) {
      if (!url.startsWith("file:") || !outsideScope(fileURLToPath(url))) return nextLoad(url, context);
      return { ...nextLoad(url, { ...context, format: "commonjs" }), format: "commonjs" };
    },
  });
}

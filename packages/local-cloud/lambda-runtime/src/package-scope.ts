/**
 * A function's package scope as Lambda sees it. On Lambda the code is at /var/task with no package.json above
 * it, so a .js file is CommonJS unless a package.json inside the package says "type": "module". Here the code
 * sits in some folder of this machine, maybe below a package.json of its own (the repository's says "module"),
 * which Node would read. So the lookup stops at the task root, as it does on Lambda, and hooks.ts makes Node
 * load such files as CommonJS.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** What the nearest package.json inside the task root says, or "outside" when none is there. */
export type PackageScope = "module" | "commonjs" | "outside";

const isWithin = (folder: string, root: string) => folder === root || folder.startsWith(`${root}${path.sep}`);

/**
 * 3.x src/UserFunction.js (_hasFolderPackageJsonTypeModule): the nearest package.json decides, a folder named
 * node_modules ends the search (CommonJS), and one that cannot be read is ignored with a warning.
 */
export function packageScope(folder: string, taskRoot: string): PackageScope {
  for (let dir = path.resolve(folder); isWithin(dir, taskRoot); dir = path.dirname(dir)) {
    if (path.basename(dir) === "node_modules") return "commonjs";
    const manifest = path.join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    try {
      return (JSON.parse(readFileSync(manifest, "utf8")) as { type?: unknown })?.type === "module"
        ? "module"
        : "commonjs";
    } catch (error) {
      console.warn(`${manifest} cannot be read, it will be ignored for ES module detection purposes.`, error);
      return "commonjs";
    }
  }
  return "outside";
}

/** Whether Lambda reads a .js file in this folder as an ES module. */
export const isModuleScope = (folder: string, taskRoot: string) =>
  packageScope(folder, taskRoot) === "module";

import { cpSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from "node:fs";
import path from "node:path";

/** State, caches and history: a copy starts without them (so turbo's cache starts cold). */
const SKIP_AT_ROOT = new Set([".git", ".turbo", ".holonet", "node_modules"]);
const SKIP_ANYWHERE = new Set(["test-results", ".measure", ".turbo"]);

/**
 * A working copy of the repository for the measurements that build and edit it, so that nothing they do
 * touches the real tree (where other people work). The packages' own node_modules folders hold only
 * relative links, copied as they are; the root's store (.pnpm) is linked, not copied.
 */
export function copyRepository(root: string, destination: string): string {
  cpSync(root, destination, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => {
      const parts = path.relative(root, source).split(path.sep);
      if (parts.length === 1 && SKIP_AT_ROOT.has(parts[0] ?? "")) return false;
      return !parts.some((part) => SKIP_ANYWHERE.has(part));
    },
  });
  const modules = path.join(root, "node_modules");
  mkdirSync(path.join(destination, "node_modules"));
  for (const entry of readdirSync(modules)) {
    const target = path.join(destination, "node_modules", entry);
    if (entry === ".pnpm") symlinkSync(realpathSync(path.join(modules, entry)), target);
    else cpSync(path.join(modules, entry), target, { recursive: true, verbatimSymlinks: true });
  }
  return destination;
}

import { existsSync } from "node:fs";
import path from "node:path";

/** The monorepo's root: the nearest folder upward that holds pnpm-workspace.yaml. */
export function findWorkspaceRoot(from: string): string {
  let dir = path.resolve(from);
  while (!existsSync(path.join(dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`No pnpm-workspace.yaml above ${from}: run this inside the Holonet repository.`);
    dir = parent;
  }
  return dir;
}

import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const fixtures = path.join(import.meta.dirname, "fixtures");

/**
 * The with-dependency fixture laid out as its zip would be, node_modules included. The dependency is kept
 * outside a node_modules folder in the repository, which git ignores.
 */
export function functionWithDependency(): string {
  const taskRoot = mkdtempSync(path.join(tmpdir(), "holonet-with-dependency-"));
  cpSync(path.join(fixtures, "with-dependency"), taskRoot, { recursive: true });
  cpSync(path.join(fixtures, "greeting-package"), path.join(taskRoot, "node_modules", "greeting"), {
    recursive: true,
  });
  return taskRoot;
}

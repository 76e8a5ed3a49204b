import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildPage } from "../../src/page-build";

/**
 * Builds the page from the current source into a temporary folder, so that a test never serves a stale
 * dist/ (turbo builds dist/ before the tests, but vitest may run alone).
 */
export async function buildPageForTest(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "holonet-dashboard-page-"));
  await buildPage(dir);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

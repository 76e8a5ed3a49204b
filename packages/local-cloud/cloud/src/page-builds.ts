import path from "node:path";
import { errorLines } from "@holonet/bundle-config/lambda-context";
import { BuildError, throwBuildFailures } from "@holonet/cli-support/build-services";
import { buildPage as buildDashboardPage, DASHBOARD_DIR } from "@holonet/local-dashboard/page-build";
import { buildSite } from "@holonet/static-site/page-build";
import { siteDirectory } from "./site-directory";

/**
 * Builds dev's website into services/web/dist as its own build does (the same function), in this process;
 * a failure is a BuildError naming the place, and the site as it was keeps serving.
 */
export async function buildDevSite(root: string, { verbose = false } = {}): Promise<void> {
  const packageDir = siteDirectory(root);
  await withBuildError("@holonet/web", packageDir, root, () =>
    buildSite({ packageDir, outDir: path.join(packageDir, "dist"), logLevel: logLevel(verbose) }),
  );
}

/**
 * pnpm dev's builds of the pages it serves, the dashboard's and the website, at once: each a whole esbuild
 * build (about 0.1 s) by the function the package's own build calls, so the files are its build's.
 */
export async function buildPages(root: string, { verbose = false } = {}): Promise<void> {
  const outcomes = await Promise.allSettled([
    withBuildError("@holonet/local-dashboard", DASHBOARD_DIR, root, () =>
      buildDashboardPage(undefined, logLevel(verbose)),
    ),
    buildDevSite(root, { verbose }),
  ]);
  throwBuildFailures(outcomes, "esbuild failed");
}

/** esbuild's own drawing of an error only with --verbose: otherwise the BuildError's lines tell it. */
const logLevel = (verbose: boolean) => (verbose ? "warning" : "silent");

/** esbuild's failure (its messages' files are relative to the package's folder) as a BuildError. */
async function withBuildError(
  packageName: string,
  packageDir: string,
  root: string,
  build: () => Promise<unknown>,
) {
  try {
    await build();
  } catch (error) {
    const errors = (error as { errors?: Parameters<typeof errorLines>[0] }).errors;
    if (!errors) throw error;
    const lines = errorLines(errors, packageDir, root);
    throw new BuildError(lines, lines.join("\n"), `esbuild failed on ${packageName}`);
  }
}

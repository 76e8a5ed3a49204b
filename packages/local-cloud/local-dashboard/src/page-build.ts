import path from "node:path";
import { buildPage as buildStaticPage } from "@holonet/static-site/page-build";
import { BUILT_PAGE_DIR } from "./page-assets";

/** The dashboard package's folder, where its page's paths (and esbuild's messages) start. */
export const DASHBOARD_DIR = path.resolve(import.meta.dirname, "..");

/**
 * Builds the dashboard page into `outDir` (uPlot bundled into its script, so the page works offline):
 * dist/ for the package's build and for pnpm dev, which builds it in its own process.
 */
export const buildPage = (outDir = BUILT_PAGE_DIR, logLevel?: "warning" | "silent") =>
  buildStaticPage({
    packageDir: DASHBOARD_DIR,
    sourceDir: "src/page",
    outDir,
    ...(logLevel && { logLevel }),
  });

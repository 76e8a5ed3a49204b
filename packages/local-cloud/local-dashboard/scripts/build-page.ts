import { buildPage as buildStaticPage } from "@holonet/static-site/page-build";

/** Builds the dashboard page into `outDir` (uPlot bundled into its script, so the page works offline). */
export const buildPage = (options: { packageDir: string; outDir: string }) =>
  buildStaticPage({ ...options, sourceDir: "src/page" });

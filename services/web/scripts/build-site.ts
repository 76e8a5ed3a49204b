import { type BuiltPage, buildPage } from "@holonet/static-site/page-build";

export type BuiltSite = BuiltPage;

/** Builds the site into `outDir`. config.json is not built: it is written when the site is published. */
export const buildSite = (options: { packageDir: string; outDir: string }): Promise<BuiltSite> =>
  buildPage({ ...options, sourceDir: "src" });

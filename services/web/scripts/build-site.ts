import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

export interface BuiltSite {
  /** The hashed assets index.html refers to, relative to outDir. */
  app: string;
  styles: string;
}

/**
 * Builds the site into `outDir`: the script and the stylesheet bundled under content-hashed names (so
 * they may be cached for a year), and index.html pointing at them by relative URL (so the site works
 * under any path prefix). config.json is not built: it is written when the site is published.
 */
export async function buildSite(options: { packageDir: string; outDir: string }): Promise<BuiltSite> {
  const { packageDir, outDir } = options;
  await rm(outDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints: { app: "src/app.ts", styles: "src/styles.css" },
    entryNames: "assets/[name]-[hash]",
    outdir: outDir,
    bundle: true,
    format: "esm",
    target: ["es2022", "chrome111", "firefox113", "safari16.4"],
    minify: true,
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
  });

  const outputFor = (entryPoint: string, extension: string) => {
    const found = Object.entries(result.metafile.outputs).find(
      ([file, output]) => output.entryPoint === entryPoint && file.endsWith(extension),
    );
    if (!found) throw new Error(`esbuild wrote no ${extension} for ${entryPoint}`);
    return path.relative(outDir, path.resolve(packageDir, found[0])).split(path.sep).join("/");
  };
  const site = { app: outputFor("src/app.ts", ".js"), styles: outputFor("src/styles.css", ".css") };

  const template = await readFile(path.join(packageDir, "src/index.html"), "utf8");
  const html = template.replace("{{app.js}}", site.app).replace("{{styles.css}}", site.styles);
  if (html.includes("{{")) throw new Error("src/index.html has a placeholder the build does not fill");
  await writeFile(path.join(outDir, "index.html"), html);
  return site;
}

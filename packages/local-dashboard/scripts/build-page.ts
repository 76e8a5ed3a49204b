import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

/**
 * Builds the dashboard page into `outDir`: the script (uPlot bundled in, so the page works offline) and the
 * stylesheet under content-hashed names, and index.html pointing at them by relative URL.
 */
export async function buildPage(options: { packageDir: string; outDir: string }) {
  const { packageDir, outDir } = options;
  await rm(outDir, { recursive: true, force: true });
  const entries = { app: "src/page/app.ts", styles: "src/page/styles.css" };
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints: entries,
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
  const page = { app: outputFor(entries.app, ".js"), styles: outputFor(entries.styles, ".css") };

  const template = await readFile(path.join(packageDir, "src/page/index.html"), "utf8");
  const html = template.replace("{{app.js}}", page.app).replace("{{styles.css}}", page.styles);
  if (html.includes("{{")) throw new Error("src/page/index.html has a placeholder the build does not fill");
  await writeFile(path.join(outDir, "index.html"), html);
  return page;
}

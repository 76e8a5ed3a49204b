import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

export interface BuiltPage {
  /** The hashed assets index.html refers to, relative to outDir. */
  app: string;
  styles: string;
}

/**
 * Builds a static page into `outDir` from `<sourceDir>/app.ts`, `styles.css` and `index.html`: the script
 * and the stylesheet bundled under content-hashed names (so they may be cached for a year), and index.html
 * pointing at them by relative URL (so the page works under any path prefix), through its `{{app.js}}` and
 * `{{styles.css}}` placeholders. A build that fails leaves `outDir` as it was.
 */
export async function buildPage(options: {
  packageDir: string;
  sourceDir: string;
  outDir: string;
  /** esbuild's own drawing of warnings and errors on stderr; "warning" (shown) unless a caller tells them. */
  logLevel?: "warning" | "silent";
}): Promise<BuiltPage> {
  const { packageDir, sourceDir, outDir, logLevel = "warning" } = options;
  const entries = { app: `${sourceDir}/app.ts`, styles: `${sourceDir}/styles.css` };
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
    logLevel,
    // Written below, once the build and the page succeeded: a failed one leaves the last build in place.
    write: false,
  });
  const outputFor = (entryPoint: string, extension: string) => {
    const found = Object.entries(result.metafile.outputs).find(
      ([file, output]) => output.entryPoint === entryPoint && file.endsWith(extension),
    );
    if (!found) throw new Error(`esbuild wrote no ${extension} for ${entryPoint}`);
    return path.relative(outDir, path.resolve(packageDir, found[0])).split(path.sep).join("/");
  };
  const page = { app: outputFor(entries.app, ".js"), styles: outputFor(entries.styles, ".css") };

  const template = await readFile(path.join(packageDir, sourceDir, "index.html"), "utf8");
  const html = template.replace("{{app.js}}", page.app).replace("{{styles.css}}", page.styles);
  if (html.includes("{{"))
    throw new Error(`${sourceDir}/index.html has a placeholder the build does not fill`);

  await rm(outDir, { recursive: true, force: true });
  await Promise.all(
    result.outputFiles.map(async (file) => {
      await mkdir(path.dirname(file.path), { recursive: true });
      await writeFile(file.path, file.contents);
    }),
  );
  await writeFile(path.join(outDir, "index.html"), html);
  return page;
}

/**
 * Builds a website's folder (`packageDir`, services/web) into `outDir`: its page from `src/`. config.json
 * is not built: it is written when the site is published. Used by the site's own build and by pnpm dev.
 */
export const buildSite = (options: {
  packageDir: string;
  outDir: string;
  logLevel?: "warning" | "silent";
}): Promise<BuiltPage> => buildPage({ ...options, sourceDir: "src" });

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface PageAsset {
  body: Buffer;
  contentType: string;
  cacheControl: string;
}

/** The built page, by URL path; undefined when it was not built. */
export type PageAssets = Map<string, PageAsset> | undefined;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** Where `pnpm --filter @holonet/local-dashboard build` writes the page. */
export const BUILT_PAGE_DIR = path.resolve(import.meta.dirname, "../dist");

/**
 * Reads the whole built page into memory once (a few hundred KB), so that serving it costs no file system
 * work. index.html may change with every build and is revalidated; everything under assets/ carries its
 * content hash in its name and may be kept for a year.
 */
export async function loadPageAssets(dir: string): Promise<PageAssets> {
  let files: string[];
  try {
    files = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (!files.includes("index.html")) return undefined;

  const assets = new Map<string, PageAsset>();
  for (const file of files) {
    const urlPath = `/${file.split(path.sep).join("/")}`;
    const hashed = urlPath.startsWith("/assets/");
    assets.set(urlPath, {
      body: await readFile(path.join(dir, file)),
      contentType: CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
      cacheControl: hashed ? "public, max-age=31536000, immutable" : "no-cache",
    });
  }
  const index = assets.get("/index.html");
  if (index) assets.set("/", index);
  return assets;
}

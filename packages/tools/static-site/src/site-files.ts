import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface SiteFile {
  /** The object key: the path below the site's folder, with forward slashes. */
  key: string;
  body: Buffer;
  /** Hex MD5 of the body: what S3 answers as the ETag of a simple (not multipart) PUT. */
  md5: string;
}

export const md5Hex = (body: Buffer) => createHash("md5").update(body).digest("hex");

/** Every file below `siteDir`, sorted by key. Sites are small, so the bodies are read into memory. */
export async function readSiteFiles(siteDir: string): Promise<SiteFile[]> {
  const entries = await readdir(siteDir, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const full = path.join(entry.parentPath, entry.name);
        const body = await readFile(full);
        const key = path.relative(siteDir, full).split(path.sep).join("/");
        return { key, body, md5: md5Hex(body) };
      }),
  );
  return files.sort((a, b) => a.key.localeCompare(b.key));
}

/** The config.json file the site reads at run time, as it is written to the bucket. */
export function configFile(config: Record<string, unknown>): SiteFile {
  const body = Buffer.from(`${JSON.stringify(config, null, 2)}\n`);
  return { key: "config.json", body, md5: md5Hex(body) };
}

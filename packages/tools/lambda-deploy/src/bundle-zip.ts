import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";

/** Every entry gets the same time (the zip format's earliest), so the same files give the same bytes. */
const FIXED_TIME = new Date("1980-01-01T00:00:00Z");
/** A regular file, rw-r--r--, in the Unix attributes of the zip entry. */
const FILE_ATTRS = (0o100644 << 16) >>> 0;

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
  });
}

const isSourceMap = (file: string) => file.endsWith(".map");

/**
 * Zips a directory reproducibly: entries in sorted order, with fixed times and modes. The same code always
 * gives the same bytes, and so the same CodeSha256 on Lambda, which is how a deploy knows nothing changed.
 *
 * Source maps stay out unless asked for: the zip holds what runs, and a map is three quarters of a
 * bundle's zip (docs/decisions/0009-zip-without-source-maps.md). `pnpm dev --inspect` asks for them.
 */
export function zipDirectory(dir: string, options: { sourceMaps?: boolean } = {}): Uint8Array {
  const entries = Object.fromEntries(
    listFiles(dir)
      .filter((file) => options.sourceMaps === true || !isSourceMap(file))
      .sort()
      .map((file) => [
        file,
        [
          new Uint8Array(readFileSync(path.join(dir, file))),
          { mtime: FIXED_TIME, attrs: FILE_ATTRS, os: 3, level: 9 },
        ],
      ]),
  );
  return zipSync(entries as Parameters<typeof zipSync>[0]);
}

/** Lambda's CodeSha256: the base64 of the SHA-256 of the zip. */
export const codeSha256 = (zip: Uint8Array) => createHash("sha256").update(zip).digest("base64");

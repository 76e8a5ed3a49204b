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

/**
 * Zips a directory reproducibly: entries in sorted order, with fixed times and modes. The same code always
 * gives the same bytes, and so the same CodeSha256 on Lambda, which is how a deploy knows nothing changed.
 */
export function zipDirectory(dir: string): Uint8Array {
  const entries = Object.fromEntries(
    listFiles(dir)
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

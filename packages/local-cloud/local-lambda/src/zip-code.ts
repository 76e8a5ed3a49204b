import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { invalidParameter } from "./api-errors";

export interface CodeInfo {
  /** Base64 of the zip's SHA-256, as Lambda reports CodeSha256. */
  sha256: string;
  /** The zip's length in bytes (CodeSize). */
  size: number;
}

/** 50 MB zipped is Lambda's limit for a direct upload; 250 MB unzipped its limit for the code. */
const MAX_UNZIPPED_BYTES = 262_144_000;

export const codeInfo = (zip: Uint8Array): CodeInfo => ({
  sha256: createHash("sha256").update(zip).digest("base64"),
  size: zip.length,
});

/** A folder name for the code: the hex digest, safe in a path where base64 is not. */
export const codeKey = (zip: Uint8Array) => createHash("sha256").update(zip).digest("hex");

/** Unzips a deployment package into a directory, refusing what Lambda would refuse. */
export function unzipCode(zip: Uint8Array, directory: string): void {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    throw invalidParameter(
      "Could not unzip uploaded file. Please check your file, then try to upload again.",
    );
  }
  const total = Object.values(files).reduce((sum, bytes) => sum + bytes.length, 0);
  if (total > MAX_UNZIPPED_BYTES) {
    throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
  }
  const root = path.resolve(directory);
  for (const [name, bytes] of Object.entries(files)) {
    const target = path.resolve(root, name);
    // A zip entry may not climb out of the code's directory ("zip slip").
    if (!target.startsWith(`${root}${path.sep}`)) {
      throw invalidParameter(`Could not unzip uploaded file: the entry ${name} is outside the package.`);
    }
    if (name.endsWith("/")) mkdirSync(target, { recursive: true });
    else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
  }
}

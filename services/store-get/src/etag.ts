import { createHash } from "node:crypto";

/** A strong ETag for a representation: the hash of its bytes. A saved quote never changes, so neither does it. */
export const strongEtag = (body: string) =>
  `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

/**
 * True when If-None-Match names this ETag (or is `*`), so the answer is 304 Not Modified.
 * If-None-Match compares weakly (RFC 9110, 13.1.2): W/"x" matches "x".
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

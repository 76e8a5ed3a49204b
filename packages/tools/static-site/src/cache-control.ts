/** A content-hashed file never changes under its name, so browsers and CDNs may keep it for a year. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** Everything else is revalidated on each use (a cheap 304), so a new deploy shows at once. */
export const REVALIDATE = "no-cache";

/**
 * Whether a key names a content-hashed file, as bundlers write them: `app-5XQ2ZC7K.js` (esbuild's
 * upper-case base32), `app.3f9a0c1b.css` or `app-3f9a0c1b.js` (hex), and their `.map` files.
 * Lower-case words such as `app-settings.js` are not hashes.
 */
export function isContentHashed(key: string): boolean {
  const name = key.slice(key.lastIndexOf("/") + 1);
  return /[-.]([A-Z2-7]{8,}|[0-9a-f]{8,})\.[A-Za-z0-9]+(\.map)?$/.test(name);
}

/** Cache-Control for an object key: immutable when its name carries its content's hash. */
export function cacheControlFor(
  key: string,
  contentHashed: (key: string) => boolean = isContentHashed,
): string {
  return contentHashed(key) ? IMMUTABLE : REVALIDATE;
}

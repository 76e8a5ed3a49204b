/**
 * The page runs only its own bundled script and style and talks only to its own origin; data from the
 * cloud is inserted as text, and this policy stops anything that slipped through from running.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const COMMON_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/**
 * The dashboard shows events, results and logs. A web page elsewhere could point its own host name at
 * 127.0.0.1 (DNS rebinding) and read them as same-origin; answering only to loopback host names stops that.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
  return name === "127.0.0.1" || name === "localhost" || name === "[::1]";
}

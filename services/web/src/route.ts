/** What the page shows: the home view, or one saved quote. */
export type Route = { view: "home" } | { view: "quote"; id: string };

const QUOTE_HASH = /^#\/quotes\/([^/?#]+)$/;

/**
 * The route from the location's hash. Hash routes need nothing from the server, so a link to a quote works
 * on any static host, under any path prefix, and survives a reload.
 */
export function parseRoute(hash: string): Route {
  const match = QUOTE_HASH.exec(hash);
  if (!match?.[1]) return { view: "home" };
  try {
    return { view: "quote", id: decodeURIComponent(match[1]) };
  } catch {
    return { view: "home" };
  }
}

/** The link to one saved quote, relative to the page. */
export const quoteHref = (id: string) => `#/quotes/${encodeURIComponent(id)}`;

export const HOME_HREF = "#/";

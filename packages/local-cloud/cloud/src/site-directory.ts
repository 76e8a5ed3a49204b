import path from "node:path";

/** The website's folder: its source in src/, its build in dist/, which pnpm dev publishes to dev's bucket. */
export const siteDirectory = (root: string) => path.join(root, "services", "web");

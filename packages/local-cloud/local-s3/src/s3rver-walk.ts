import { createRequire } from "node:module";
import { cachedWalk } from "./directory-listings";

// Imported before s3rver itself: its FilesystemStore takes `walk` from lib/utils.js when it is first loaded.
const require = createRequire(import.meta.url);
(require("s3rver/lib/utils.js") as { walk: unknown }).walk = cachedWalk();

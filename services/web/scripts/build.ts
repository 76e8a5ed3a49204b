import path from "node:path";
import { buildSite } from "@holonet/static-site/page-build";

const packageDir = path.resolve(import.meta.dirname, "..");
const site = await buildSite({ packageDir, outDir: path.join(packageDir, "dist") });
console.log(`dist/index.html -> ${site.app}, ${site.styles}`);

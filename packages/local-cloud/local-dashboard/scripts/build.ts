import path from "node:path";
import { buildPage } from "./build-page";

const packageDir = path.resolve(import.meta.dirname, "..");
const page = await buildPage({ packageDir, outDir: path.join(packageDir, "dist") });
console.log(`dist/index.html -> ${page.app}, ${page.styles}`);

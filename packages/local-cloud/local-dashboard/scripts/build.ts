import { buildPage } from "../src/page-build";

const page = await buildPage();
console.log(`dist/index.html -> ${page.app}, ${page.styles}`);

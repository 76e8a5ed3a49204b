import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { docFiles, GENERATED_DIRS } from "./doc-files";

// `pnpm run docs`: writes the generated docs and says which changed. Files already current are left untouched,
// so a second run changes nothing.
const root = path.resolve(import.meta.dirname, "../../../..");
const docs = docFiles(root);
const generated = new Set(docs.map((doc) => doc.path));
let changed = 0;

for (const dir of GENERATED_DIRS) {
  if (!existsSync(path.join(root, dir))) continue;
  for (const name of readdirSync(path.join(root, dir))) {
    const relative = `${dir}/${name}`;
    if (generated.has(relative)) continue;
    rmSync(path.join(root, relative), { recursive: true });
    changed += 1;
    console.log(`removed ${relative} (no longer generated)`);
  }
}

for (const doc of docs) {
  const file = path.join(root, doc.path);
  if (existsSync(file) && readFileSync(file, "utf8") === doc.content) continue;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, doc.content);
  changed += 1;
  console.log(`wrote ${doc.path}`);
}
console.log(changed === 0 ? "docs are up to date" : `${changed} change(s)`);

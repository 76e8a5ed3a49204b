import { defineConfig } from "tsup";

// Only the runner is built: it starts in every function instance, so it loads as plain JavaScript
// (it imports nothing but Node's built-ins). The rest of the package is imported from source.
export default defineConfig({
  entry: ["src/runner.ts"],
  format: ["esm"],
  outExtension: () => ({ js: ".mjs" }),
  target: "node20",
  platform: "node",
  sourcemap: true,
  clean: true,
});

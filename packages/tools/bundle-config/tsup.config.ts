import { defineConfig } from "tsup";

// Built before the services, whose tsup.config.ts imports it as plain JavaScript.
export default defineConfig({
  entry: ["src/lambda-bundle.ts"],
  format: ["esm"],
  outExtension: () => ({ js: ".mjs" }),
  target: "node20",
  platform: "node",
  clean: true,
});

import path from "node:path";
import type { Options } from "tsup";

/**
 * The runner's build: only the runner is built, since it starts in every function instance and so loads as
 * plain JavaScript (it imports nothing but Node's built-ins); the rest of the package is imported from
 * source. tsup builds it in `pnpm build` (tsup.config.ts) and `pnpm dev` in its own process
 * (@holonet/bundle-config's lambdaContext), from these same settings. Everything it imports is bundled
 * (there is nothing but Node's built-ins to bundle): the form pnpm dev's translation of tsup's settings takes.
 */
export const RUNNER_BUNDLE: Options = {
  entry: ["src/runner.ts"],
  format: ["esm"],
  outExtension: () => ({ js: ".mjs" }),
  target: "node20",
  platform: "node",
  sourcemap: true,
  clean: true,
  noExternal: [/.*/],
};

/** The package whose runner this builds: where RUNNER_BUNDLE's paths start. */
export const RUNNER_PACKAGE_DIR = path.resolve(import.meta.dirname, "..");

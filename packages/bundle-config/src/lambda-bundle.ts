import { defineConfig, type Options } from "tsup";

/**
 * A Lambda bundle: `dist/handler.mjs` exporting `handler` (handler string `handler.handler`).
 * - `.mjs`, because Lambda reads `.js` as CommonJS unless the zip ships a package.json saying otherwise;
 * - every dependency inside (tsup leaves `dependencies` out by default), the AWS SDK included:
 *   docs/decisions/0002-bundle-the-aws-sdk.md has the measurement behind that;
 * - node20, so the bundle runs on these machines' Node 20 as well as on Lambda's nodejs22.x;
 * - minified with names kept, since error.name becomes Lambda's errorType.
 */
export function lambdaBundle(overrides: Options = {}) {
  return defineConfig({
    entry: { handler: "src/handler.ts" },
    format: ["esm"],
    outExtension: () => ({ js: ".mjs" }),
    platform: "node",
    target: "node20",
    minify: true,
    keepNames: true,
    sourcemap: true,
    splitting: false,
    clean: true,
    noExternal: [/.*/],
    // Bundled CommonJS code calls require() for Node's built-ins; ESM has none until one is made.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    ...overrides,
  });
}

import type { Options } from "tsup";

/** esbuild's target for every bundle; infra's tests check that it names the major of RUNTIME. */
export const BUNDLE_TARGET = "node24";

/**
 * A Lambda bundle: `dist/handler.mjs` exporting `handler` (handler string `handler.handler`).
 * - `.mjs`, because Lambda reads `.js` as CommonJS unless the zip ships a package.json saying otherwise;
 * - every dependency inside (tsup leaves `dependencies` out by default), the AWS SDK included:
 *   docs/decisions/0002-bundle-the-aws-sdk.md has the measurement behind that;
 * - the Node.js of the functions' runtime (infra's RUNTIME, nodejs24.x): locally the bundle runs on that
 *   Node.js too, not on the machine's;
 * - minified with names kept, since error.name becomes Lambda's errorType.
 *
 * A plain object (tsup's `defineConfig` only returns its argument): `pnpm dev` reads these same settings
 * for its in-process builds (lambda-context.ts) without loading tsup.
 */
export function lambdaBundle(overrides: Options = {}): Options {
  return {
    entry: { handler: "src/handler.ts" },
    format: ["esm"],
    outExtension: () => ({ js: ".mjs" }),
    platform: "node",
    target: BUNDLE_TARGET,
    minify: true,
    keepNames: true,
    sourcemap: true,
    splitting: false,
    clean: true,
    noExternal: [/.*/],
    // Bundled CommonJS code calls require() for Node's built-ins; ESM has none until one is made.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    ...overrides,
  };
}

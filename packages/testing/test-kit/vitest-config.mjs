import { defineConfig } from "vitest/config";

/**
 * Every package's test settings, in one place: each package's vitest.config.ts re-exports it (or merges
 * its own into it). Plain JavaScript, so that Node loads it as it is when vitest reads a config. The
 * timeouts leave room for tests that start a whole local cloud on a busy 2-core machine; the JSON report is
 * what `pnpm test`'s closing line adds up (scripts/test-summary.mjs).
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});

import shared from "@holonet/test-kit/vitest-config";
import { defineConfig, mergeConfig } from "vitest/config";

// Each file starts a whole local cloud; on a 2-core machine they run one at a time, so that no file's
// timings depend on another's load. The global setup picks the run's seed and writes figures.json.
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      fileParallelism: false,
      globalSetup: ["tests/support/figures-global-setup.ts"],
    },
  }),
);

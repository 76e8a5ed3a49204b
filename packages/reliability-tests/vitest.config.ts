import { defineConfig } from "vitest/config";

// Each file starts a whole local cloud; on a 2-core machine they run one at a time, so that no file's
// timings depend on another's load.
export default defineConfig({ test: { fileParallelism: false, hookTimeout: 60_000 } });

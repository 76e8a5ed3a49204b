import { defineConfig } from "tsup";
import { RUNNER_BUNDLE } from "./src/runner-bundle";

export default defineConfig(RUNNER_BUNDLE);

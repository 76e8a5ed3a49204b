#!/usr/bin/env node
// Runs from the TypeScript source, bundled again only after an edit (@holonet/cli-support/tool-launcher).
import { launchTool } from "@holonet/cli-support/tool-launcher";

await launchTool(new URL("../src/cli.ts", import.meta.url));

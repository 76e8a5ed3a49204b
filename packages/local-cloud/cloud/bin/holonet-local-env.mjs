#!/usr/bin/env node
// Holonet's tools run from their TypeScript source through tsx: no build step between an edit and a run.
import { register } from "tsx/esm/api";

register();
await import("../src/local-env-cli.ts");

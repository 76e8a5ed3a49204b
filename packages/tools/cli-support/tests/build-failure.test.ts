import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFailureSummary } from "../src/build-services";

// turbo's real output for a failed build, captured from a checkout at /tmp/holo-copy.
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

describe("buildFailureSummary", () => {
  it("gives a service's build error as its place and message, without esbuild's and turbo's stacks", () => {
    expect(buildFailureSummary(fixture("turbo-build-failure.txt"), "/tmp/holo-copy")).toEqual([
      'services/quote/src/jedi-quote.ts:6:58: ERROR: Expected ")" but found ";"',
    ]);
  });

  it("does the same for the website's build", () => {
    expect(buildFailureSummary(fixture("turbo-build-failure-web.txt"), "/tmp/holo-copy")).toEqual([
      'services/web/src/route.ts:24:18: ERROR: Unexpected ";"',
    ]);
  });

  it("falls back to the failed task's own lines, without stack frames, for any other failure", () => {
    const output = [
      "@holonet/quote:build: > tsup",
      "@holonet/quote:build: Error: Cannot find module 'left-pad'",
      "@holonet/quote:build:     at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)",
      "@holonet/quote:build:  ELIFECYCLE  Command failed with exit code 1.",
      "@holonet/quote#build:  ERROR  command (/repo/services/quote) /usr/bin/pnpm run build exited (1)",
    ].join("\n");
    expect(buildFailureSummary(output, "/repo")).toEqual(["Error: Cannot find module 'left-pad'"]);
  });
});

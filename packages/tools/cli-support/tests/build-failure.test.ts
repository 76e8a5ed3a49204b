import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BuildError, buildFailureSummary, throwBuildFailures } from "../src/build-services";

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

describe("throwBuildFailures", () => {
  const settled = (...outcomes: Promise<unknown>[]) => Promise.allSettled(outcomes);

  it("passes when every build succeeded", async () => {
    expect(() =>
      throwBuildFailures([{ status: "fulfilled", value: undefined }], "esbuild failed"),
    ).not.toThrow();
  });

  it("tells every failed build's lines as one BuildError", async () => {
    const outcomes = await settled(
      Promise.reject(new BuildError(["a.ts:1:1: ERROR: one"], "one", "first")),
      Promise.resolve(),
      Promise.reject(new BuildError(["b.ts:2:2: ERROR: two"], "two", "second")),
    );
    let thrown: unknown;
    try {
      throwBuildFailures(outcomes, "esbuild failed");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BuildError);
    expect((thrown as BuildError).summary).toEqual(["a.ts:1:1: ERROR: one", "b.ts:2:2: ERROR: two"]);
    expect((thrown as BuildError).message).toBe("The build failed (esbuild failed).");
  });

  it("lets an error that is not a build's through as it is", async () => {
    const unexpected = new Error("EACCES");
    const outcomes = await settled(Promise.reject(new BuildError([], "", "x")), Promise.reject(unexpected));
    expect(() => throwBuildFailures(outcomes, "esbuild failed")).toThrow(unexpected);
  });
});

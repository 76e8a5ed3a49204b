import { describe, expect, it } from "vitest";
import { areaOf, type CpuProfile, summarizeProfile } from "../src/profile-summary";

describe("areaOf", () => {
  it("names the package, the workspace package or the part of Node a script belongs to", () => {
    expect(areaOf("file:///r/node_modules/.pnpm/s3rver@3.7.1/node_modules/s3rver/lib/x.js", "f")).toBe(
      "s3rver",
    );
    expect(
      areaOf("file:///r/node_modules/.pnpm/@smithy+core@3/node_modules/@smithy/core/dist/a.js", "f"),
    ).toBe("@smithy/core");
    expect(areaOf("file:///r/packages/local-cloud/local-gateway/src/http-api.ts", "f")).toBe(
      "@holonet/local-gateway",
    );
    expect(areaOf("file:///r/packages/local-cloud/cloud/src/local-cloud.ts", "f")).toBe(
      "@holonet/local-cloud",
    );
    expect(areaOf("node:internal/child_process", "f")).toBe("node: child_process");
    expect(areaOf("", "(garbage collector)")).toBe("(garbage collector)");
  });
});

describe("summarizeProfile", () => {
  it("sums self time by area and function, leaving idle time out", () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: "(idle)", url: "", lineNumber: -1 } },
        {
          id: 2,
          callFrame: {
            functionName: "parse",
            url: "file:///r/packages/local-cloud/local-gateway/src/a.ts",
            lineNumber: 9,
          },
        },
        { id: 3, callFrame: { functionName: "send", url: "node:internal/child_process", lineNumber: 0 } },
      ],
      samples: [1, 2, 2, 3, 1],
      timeDeltas: [1000, 1000, 1000, 2000, 5000],
    };
    const summary = summarizeProfile(profile);
    expect(summary.busyMs).toBe(4);
    expect(summary.areas).toEqual([
      { label: "@holonet/local-gateway", ms: 2, share: 0.5 },
      { label: "node: child_process", ms: 2, share: 0.5 },
    ]);
    expect(summary.functions[0]?.label).toBe("parse [@holonet/local-gateway:10]");
  });
});

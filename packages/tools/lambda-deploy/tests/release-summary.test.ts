import { describe, expect, it } from "vitest";
import type { DeployOutcome } from "../src/deploy-function";
import { releaseSummary, releaseTitle } from "../src/release-summary";

const outcome = (fields: Partial<DeployOutcome>): DeployOutcome => ({
  version: "4",
  changed: true,
  codeSha256: "sha=",
  codeSize: 2048,
  smoke: { ok: true, detail: "" },
  rolledBack: false,
  ...fields,
});
const failedSmoke = { ok: false, detail: "function error (Unhandled)" };

describe("the summary a deploy or a promotion ends with", () => {
  it("says the alias was restored only when there was one to restore", () => {
    const restored = outcome({ previousVersion: "3", rolledBack: true, smoke: failedSmoke });
    const removed = outcome({ rolledBack: true, smoke: failedSmoke });
    expect(releaseTitle("deploy", restored)).toBe("Deploy failed, alias restored");
    expect(releaseTitle("deploy", removed)).toBe("Deploy failed, new alias removed");
    expect(releaseTitle("promotion", removed)).toBe("Promotion failed, new alias removed");
    const text = releaseSummary("deploy", "holonet-quote", "prod", removed, { seconds: 1 });
    expect(text).not.toContain("restored");
    expect(text).toContain("alias     prod (back on nothing: removed)");
    expect(releaseSummary("deploy", "holonet-quote", "prod", restored, { seconds: 1 })).toContain(
      "alias     prod (back on 3)",
    );
  });

  it("names the version, the alias, the code and the promotion's origin", () => {
    const text = releaseSummary("promotion", "holonet-quote", "prod", outcome({ previousVersion: "3" }), {
      seconds: 1.25,
      extra: ["from      ci version 2, CodeSha256 sha= (the same code)"],
    });
    expect(text).toBe(
      [
        "\nPromoted: holonet-quote",
        "  version   4 (was 3)",
        "  alias     prod",
        "  code      2.0 KB, CodeSha256 sha=",
        "  from      ci version 2, CodeSha256 sha= (the same code)",
        "  took      1.3 s",
      ].join("\n"),
    );
    expect(releaseTitle("promotion", outcome({ changed: false }))).toBe("No change");
  });
});

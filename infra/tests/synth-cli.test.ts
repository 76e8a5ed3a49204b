import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STAGES } from "../src/app-definition";
import { renderTemplate, templatePath } from "../src/cloudformation-template";

const infra = path.resolve(import.meta.dirname, "..");
const run = (command: string, args: string[]) =>
  spawnSync(command, args, { cwd: infra, encoding: "utf8", timeout: 60_000 });

describe("pnpm synth", () => {
  it("writes infra/dist/dev.template.json, byte for byte the template rendered here", () => {
    rmSync(templatePath("dev"), { force: true });
    const result = run("pnpm", ["synth", "--stage", "dev"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("holonet-dev: wrote dist/dev.template.json");
    expect(existsSync(templatePath("dev"))).toBe(true);
    // Another process, the same bytes: nothing in the template depends on the time or the machine.
    expect(readFileSync(templatePath("dev"), "utf8")).toBe(renderTemplate("dev"));
  }, 60_000);

  it("refuses a stage the definition does not have, and says which exist", () => {
    const result = run("pnpm", ["-s", "synth", "--stage", "staging"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown stage "staging"');
    expect(result.stderr).toContain("--stage <dev|ci|prod>");
  }, 60_000);
});

// AWS's own linter checks every resource's properties and types against the CloudFormation resource
// specification, and the IAM policies' grammar. It is a Python tool (no maintained npm one does this
// offline); this machine's image ships it, and where it is missing the check is skipped, saying so.
const cfnLint = spawnSync("cfn-lint", ["--version"], { encoding: "utf8" });
const hasCfnLint = cfnLint.status === 0;

describe.skipIf(!hasCfnLint)(
  `cfn-lint (${hasCfnLint ? cfnLint.stdout.trim() : "not installed: skipped"})`,
  () => {
    it("finds nothing wrong in any stage's template", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "holonet-cfn-lint-"));
      try {
        const files = STAGES.map((stage) => {
          const file = path.join(dir, `${stage}.template.json`);
          writeFileSync(file, renderTemplate(stage));
          return file;
        });
        const result = run("cfn-lint", files);
        expect(result.stdout + result.stderr).toBe("");
        expect(result.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  },
);

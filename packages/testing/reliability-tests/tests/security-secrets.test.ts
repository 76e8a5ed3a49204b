import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { recordFigures } from "./support/figures";
import { findSecrets, isBinary, type SecretFinding } from "./support/secret-scanner";

const ROOT = path.resolve(import.meta.dirname, "../../../..");
/** The lockfile holds only integrity hashes and registry URLs, and is large: skipped on purpose. */
const SKIPPED = new Set(["pnpm-lock.yaml"]);

/** Files git tracks, and new ones it would track (not ignored), so a secret is caught before its commit. */
function repositoryFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  }).toString("utf8");
  return [...new Set(out.split("\0").filter((file) => file !== "" && !SKIPPED.has(path.basename(file))))];
}

/** Every file under services/<name>/dist: what a deploy uploads. */
function bundleFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(path.relative(ROOT, full));
    }
  };
  for (const service of readdirSync(path.join(ROOT, "services"))) {
    const dist = path.join(ROOT, "services", service, "dist");
    if (existsSync(dist) && statSync(dist).isDirectory()) walk(dist);
  }
  return files;
}

function scan(files: string[]): { scanned: number; findings: SecretFinding[] } {
  let scanned = 0;
  const findings: SecretFinding[] = [];
  for (const file of files) {
    const full = path.join(ROOT, file);
    if (!existsSync(full) || !statSync(full).isFile()) continue; // deleted in the working tree
    const bytes = readFileSync(full);
    if (isBinary(bytes)) continue;
    scanned++;
    findings.push(...findSecrets(file, bytes.toString("utf8")));
  }
  return { scanned, findings };
}

// Built from pieces so that this file does not itself hold a credential-shaped string.
const FAKE_KEY_ID = ["AK", "IA", "Z7QX3VNB2KLM4PRT"].join("");
const FAKE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEFAKEKE";

describe("the scanner itself", () => {
  it("flags a planted access key id, secret, private key and tokens, masked", () => {
    const planted = [
      `const id = "${FAKE_KEY_ID}";`,
      `aws_secret_access_key = ${FAKE_SECRET}`,
      ["-----BEGIN RSA ", "PRIVATE KEY-----"].join(""),
      `token: ${["gh", "p_"].join("")}${"a1B2".repeat(9)}`,
      `slack: ${["xo", "xb-"].join("")}123456789012-abcdefghij`,
    ].join("\n");
    const findings = findSecrets("planted.ts", planted);
    expect(findings.map((f) => [f.kind, f.line])).toEqual([
      ["AWS access key id", 1],
      ["AWS secret access key", 2],
      ["private key block", 3],
      ["GitHub token", 4],
      ["Slack token", 5],
    ]);
    for (const finding of findings) expect(finding.masked).not.toContain(FAKE_SECRET);
  });

  it("allows the local-only S3RVER placeholder and ordinary text", () => {
    const text = 'AWS_ACCESS_KEY_ID: "S3RVER", aws_secret_access_key = "S3RVER"\nASIA is a continent';
    expect(findSecrets("local.ts", text)).toEqual([]);
  });
});

describe("no secrets", () => {
  it("in any file git tracks or would track (lockfile and binaries aside)", () => {
    const files = repositoryFiles();
    const { scanned, findings } = scan(files);
    expect(scanned).toBeGreaterThan(100);
    expect(findings).toEqual([]);
    recordFigures("secrets-repository", { filesScanned: scanned });
  });

  it("in any built bundle (services/*/dist)", () => {
    const files = bundleFiles();
    const { scanned, findings } = scan(files);
    // Every service is built before these tests run (turbo.json): an empty scan would prove nothing.
    expect(files.some((file) => file.startsWith("services/web/dist/"))).toBe(true);
    expect(files.filter((file) => /\.m?js$/.test(file)).length).toBeGreaterThanOrEqual(4);
    expect(findings).toEqual([]);
    recordFigures("secrets-bundles", { filesScanned: scanned });
  });
});

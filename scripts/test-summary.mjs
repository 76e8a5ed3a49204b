// Adds up the vitest JSON reports that `pnpm test` leaves in each package's test-results/, and prints
// one closing line, "N passed, N failed", for the whole tree (turbo prints one summary per package).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];

for (const group of ["packages", "services", "."]) {
  const dirs =
    group === "." ? ["infra"] : readdirSync(path.join(root, group)).map((name) => path.join(group, name));
  for (const dir of dirs) {
    const manifest = path.join(root, dir, "package.json");
    if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, "utf8")).scripts?.test) continue;
    const report = path.join(root, dir, "test-results", "vitest.json");
    if (!existsSync(report)) {
      missing.push(dir);
      continue;
    }
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
      readFileSync(report, "utf8"),
    );
    totals.passed += numPassedTests;
    totals.failed += numFailedTests;
    totals.skipped += numPendingTests + numTodoTests;
  }
}

if (missing.length > 0) console.log(`No test report from: ${missing.join(", ")} (their tests did not run)`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);

// Adds up the vitest JSON reports that `pnpm test` leaves in each package's test-results/, and prints
// one closing line, "N passed, N failed", for the whole tree (turbo prints one summary per package).
// `--start` removes the reports first, so that the closing line counts this run's alone: a package whose
// tests did not run this time (turbo could not start them, or a task they depend on failed) has no report,
// and counts as failed rather than passing on an earlier run's figures. A turbo cache hit restores the
// report of the run it reuses, made from the same inputs.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

function testedPackages() {
  // The workspace's folders (pnpm-workspace.yaml): services/*, packages/<kind>/*, infra.
  const kinds = readdirSync(path.join(root, "packages")).map((kind) => path.join("packages", kind));
  return ["services", ...kinds, "."].flatMap((group) => {
    const dirs =
      group === "." ? ["infra"] : readdirSync(path.join(root, group)).map((name) => path.join(group, name));
    return dirs.filter((dir) => {
      const manifest = path.join(root, dir, "package.json");
      return existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).scripts?.test;
    });
  });
}

const reportOf = (dir) => path.join(root, dir, "test-results", "vitest.json");

if (process.argv.includes("--start")) {
  for (const dir of testedPackages()) rmSync(reportOf(dir), { force: true });
  // The tests run on the tools' Node.js; `pnpm test` sets AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED so
  // that the SDK does not repeat this in every test process, and says it once here instead.
  if (process.versions.node.split(".")[0] === "20")
    console.log(
      "Note: the AWS SDK warns on Node.js 20 that its releases after the first week of January 2027 need Node.js 22; the lockfile pins releases that run on 20.",
    );
} else {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const missing = [];
  for (const dir of testedPackages()) {
    if (!existsSync(reportOf(dir))) {
      missing.push(dir);
      continue;
    }
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
      readFileSync(reportOf(dir), "utf8"),
    );
    totals.passed += numPassedTests;
    totals.failed += numFailedTests;
    totals.skipped += numPendingTests + numTodoTests;
  }
  if (missing.length > 0) {
    console.log(
      `No test report from: ${missing.join(", ")} (their tests did not run; each counts as failed)`,
    );
    totals.failed += missing.length;
  }
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}

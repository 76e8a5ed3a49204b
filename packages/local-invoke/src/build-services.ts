import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * Builds packages through turbo, so that an unchanged one costs a cache hit. Turbo's own output is shown
 * only when the build fails.
 */
export function buildPackages(root: string, packageNames: string[]): void {
  const started = performance.now();
  process.stderr.write(`Building ${packageNames.join(", ")} (turbo; cached when unchanged)…\n`);
  const turbo = path.join(root, "node_modules", ".bin", "turbo");
  const filters = packageNames.map((name) => `--filter=${name}`);
  const result = spawnSync(turbo, ["run", "build", ...filters, "--output-logs=errors-only"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TURBO_PRINT_VERSION_DISABLED: "1" },
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error(`The build failed (${result.error?.message ?? `turbo exited with ${result.status}`}).`);
  }
  process.stderr.write(`Built in ${Math.round(performance.now() - started)} ms.\n`);
}

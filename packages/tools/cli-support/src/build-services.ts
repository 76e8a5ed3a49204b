import { spawnSync } from "node:child_process";
import path from "node:path";

/** A failed build: what failed and where, and turbo's whole output for whoever wants all of it. */
export class BuildError extends Error {
  constructor(
    /** One line per error, e.g. `services/quote/src/jedi-quote.ts:9:22: ERROR: Unexpected ";"`. */
    readonly summary: string[],
    readonly output: string,
    reason: string,
  ) {
    super(`The build failed (${reason}).`);
    this.name = "BuildError";
  }
}

/**
 * The failures of builds run side by side as one BuildError; an error of another kind (not a build's: a
 * bug, a disk) is thrown as it is, before any build's.
 */
export function throwBuildFailures(outcomes: PromiseSettledResult<unknown>[], reason: string): void {
  const failures = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
  const unexpected = failures.find((failure) => !(failure instanceof BuildError));
  if (unexpected !== undefined) throw unexpected;
  if (failures.length === 0) return;
  const errors = failures as BuildError[];
  throw new BuildError(
    errors.flatMap((error) => error.summary),
    errors.map((error) => error.output).join("\n"),
    reason,
  );
}

const TASK_LINE = /^(\S+):build: ?(.*)$/;
/** esbuild's one-line form of an error, which tsup and the site builds repeat after the drawn one. */
const ESBUILD_ERROR = /^(\S+?:\d+:\d+): (ERROR: .*)$/;
const NOISE = /^(\s*at |CLI |> |\s*$|.*ELIFECYCLE|Node\.js v|.*\{$|\s*(errors|warnings): \[|\}$)/;

/**
 * What failed and where, from turbo's output of a failed build: esbuild's errors as `file:line:col: ERROR:
 * message`, the file relative to the repository; else the failed tasks' own lines without stack frames.
 */
export function buildFailureSummary(output: string, root: string): string[] {
  const lines = output.split(/\r?\n/);
  // "@holonet/quote#build:  ERROR  command (/repo/services/quote) ...": where each package's paths start.
  const directories = new Map<string, string>();
  for (const line of lines) {
    const found = /^(\S+)#build: .*command \(([^)]+)\)/.exec(line);
    if (found?.[1] && found[2]) directories.set(found[1], path.relative(root, found[2]));
  }
  const errors = new Set<string>();
  const rest: string[] = [];
  for (const line of lines) {
    const task = TASK_LINE.exec(line);
    if (!task) continue;
    const [, name = "", text = ""] = task;
    const error = ESBUILD_ERROR.exec(text);
    if (error) {
      const directory = directories.get(name);
      errors.add(`${directory ? path.join(directory, error[1] ?? "") : error[1]}: ${error[2]}`);
    } else if (!NOISE.test(text)) rest.push(text);
  }
  if (errors.size > 0) return [...errors];
  if (rest.length > 0) return rest.slice(-20);
  return lines.filter((line) => line.trim() !== "").slice(-10);
}

export interface BuildOptions {
  /** On failure, print nothing: the caller shows the BuildError's summary (or its output). */
  silentFailure?: boolean;
  /** No "Building…" and "Built in" lines: for a caller that reports the build in its own words. */
  quiet?: boolean;
}

const turboCommand = (root: string, packageNames: string[]) => ({
  file: path.join(root, "node_modules", ".bin", "turbo"),
  args: ["run", "build", ...packageNames.map((name) => `--filter=${name}`), "--output-logs=errors-only"],
  options: { cwd: root, env: { ...process.env, TURBO_PRINT_VERSION_DISABLED: "1" } },
});

function checkTurboResult(
  root: string,
  result: { status: number | null; stdout: string; stderr: string; error?: Error },
  options: BuildOptions,
): void {
  if (result.status === 0) return;
  const output = `${result.stdout}${result.stderr}`;
  if (!options.silentFailure) process.stderr.write(output);
  throw new BuildError(
    buildFailureSummary(output, root),
    output,
    result.error?.message ?? `turbo exited with ${result.status}`,
  );
}

/**
 * Builds packages through turbo, so that an unchanged one costs a cache hit. Turbo's own output is shown
 * only when the build fails (unless `silentFailure`); the error thrown is a BuildError.
 */
export function buildPackages(root: string, packageNames: string[], options: BuildOptions = {}): void {
  const started = performance.now();
  if (!options.quiet)
    process.stderr.write(`Building ${packageNames.join(", ")} (turbo; cached when unchanged)…\n`);
  const turbo = turboCommand(root, packageNames);
  const result = spawnSync(turbo.file, turbo.args, { ...turbo.options, encoding: "utf8" });
  checkTurboResult(
    root,
    { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "", error: result.error },
    options,
  );
  if (!options.quiet) process.stderr.write(`Built in ${Math.round(performance.now() - started)} ms.\n`);
}

import { kb } from "./cli-output";
import type { DeployOutcome } from "./deploy-function";

const TITLES = {
  deploy: { done: "Deployed", failed: "Deploy failed" },
  promotion: { done: "Promoted", failed: "Promotion failed" },
} as const;

/** The headline: what happened to the stage, which after a failed smoke test depends on whether the alias was new. */
export function releaseTitle(kind: keyof typeof TITLES, outcome: DeployOutcome): string {
  if (outcome.rolledBack)
    return `${TITLES[kind].failed}, ${outcome.previousVersion ? "alias restored" : "new alias removed"}`;
  return outcome.changed ? TITLES[kind].done : "No change";
}

/** The summary a deploy or a promotion ends with: version, alias, code and time, plus any lines of its own. */
export function releaseSummary(
  kind: keyof typeof TITLES,
  name: string,
  alias: string,
  outcome: DeployOutcome,
  options: { seconds: number; extra?: string[] },
): string {
  const was = outcome.previousVersion && outcome.changed ? ` (was ${outcome.previousVersion})` : "";
  const version = outcome.rolledBack
    ? `${outcome.version} (failed its smoke test; it stays published for a look)`
    : `${outcome.version}${was}`;
  const back = outcome.rolledBack ? ` (back on ${outcome.previousVersion ?? "nothing: removed"})` : "";
  return [
    `\n${releaseTitle(kind, outcome)}: ${name}`,
    `  version   ${version}`,
    `  alias     ${alias}${back}`,
    `  code      ${kb(outcome.codeSize)}, CodeSha256 ${outcome.codeSha256}`,
    ...(options.extra ?? []).map((line) => `  ${line}`),
    `  took      ${options.seconds.toFixed(1)} s`,
  ].join("\n");
}

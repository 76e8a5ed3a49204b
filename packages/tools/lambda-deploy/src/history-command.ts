import { LambdaClient } from "@aws-sdk/client-lambda";
import { say } from "./cli-output";
import { type HistoryEntry, releaseHistory } from "./rollback";

/** Who made a version, as its release record says. */
function madeBy(entry: HistoryEntry): string {
  if (!entry.stage) return "no release record";
  if (entry.promotedFrom)
    return `made for ${entry.stage}, promoted from ${entry.promotedFrom.stage} version ${entry.promotedFrom.version}`;
  return `made for ${entry.stage} by ${entry.origin === "deploy" ? "a deploy" : entry.origin}`;
}

export const historyLine = (entry: HistoryEntry) =>
  `version ${entry.version.padEnd(5)} ${entry.codeSha256?.slice(0, 12) ?? "?"}…  ${entry.lastModified ?? ""}  ${madeBy(entry)}`;

/** pnpm run history: the version the alias serves and those that served before it. */
export async function showHistory(name: string, alias: string): Promise<number> {
  const lambda = new LambdaClient({});
  try {
    const { current, entries } = await releaseHistory(lambda, name, alias);
    console.log(`${name}:${alias} serves`);
    say(historyLine(current));
    const earlier = entries.filter((each) => each.version !== current.version);
    console.log(
      earlier.length
        ? "served before it, after a passed smoke test (newest first):"
        : "no earlier release is recorded: nothing to roll back to.",
    );
    for (const entry of earlier) say(historyLine(entry));
    return 0;
  } finally {
    lambda.destroy();
  }
}

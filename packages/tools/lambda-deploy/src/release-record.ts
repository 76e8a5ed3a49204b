// What a deploy writes down on AWS itself, so that a rollback knows which versions belong to a stage and
// which of them served it: Lambda keeps both, with the function, and nothing else is needed to read them.
//
// - A version's Description ends with the stage it was made for (versions carry their stage's role and
//   environment), and how: by a deploy, by `pnpm dev` (at its start and on each hot reload), or by a
//   promotion, which names the stage and version whose code it carries.
// - A stage alias's Description lists the versions it served after a passed smoke test, newest first.

/** Lambda's limit on a Description (https://docs.aws.amazon.com/lambda/latest/api/API_PublishVersion.html). */
const DESCRIPTION_LIMIT = 256;
// A promotion is a deploy with an origin: `[holonet stage=prod from=ci:7]`. Records written before
// promotions existed have no `from=` and still match.
const VERSION_MARK = / \[holonet stage=([a-z0-9-]+)(?: (pnpm-dev)| from=([a-z0-9-]+):(\d+))?\]$/;
const HISTORY_MARK = "holonet live:";

export type Origin = "deploy" | "pnpm-dev";

/** The stage and version whose exact code a promoted version carries. */
export interface PromotedFrom {
  stage: string;
  version: string;
}

export interface VersionRecord {
  stage: string;
  origin: Origin;
  promotedFrom?: PromotedFrom;
}

/** A version's description: the function's own, then the stage and origin it was published for. */
export function versionDescription(
  description: string,
  stage: string,
  origin: Origin,
  promotedFrom?: PromotedFrom,
): string {
  const how =
    origin === "pnpm-dev"
      ? " pnpm-dev"
      : promotedFrom
        ? ` from=${promotedFrom.stage}:${promotedFrom.version}`
        : "";
  const mark = ` [holonet stage=${stage}${how}]`;
  return `${description.slice(0, DESCRIPTION_LIMIT - mark.length)}${mark}`;
}

/** The stage and origin a version was published for, or undefined when no Holonet deploy published it. */
export function versionRecord(description: string | undefined): VersionRecord | undefined {
  const match = VERSION_MARK.exec(description ?? "");
  if (!match?.[1]) return undefined;
  const [, , pnpmDev, fromStage, fromVersion] = match;
  return {
    stage: match[1],
    origin: pnpmDev ? "pnpm-dev" : "deploy",
    ...(fromStage && fromVersion && { promotedFrom: { stage: fromStage, version: fromVersion } }),
  };
}

/** The function's own description, without the record: what the application definition says. */
export const withoutRecord = (description: string | undefined) =>
  (description ?? "").replace(VERSION_MARK, "");

/** The versions the alias served after a passed smoke test, newest first, from its description. */
export function aliasHistory(description: string | undefined): string[] {
  const text = description ?? "";
  if (!text.startsWith(HISTORY_MARK)) return [];
  return text
    .slice(HISTORY_MARK.length)
    .split(" ")
    .filter((version) => /^\d+$/.test(version));
}

/** The alias's description for a history, newest first; the oldest entries give way to Lambda's limit. */
export function historyDescription(versions: readonly string[]): string {
  let text = HISTORY_MARK;
  for (const version of versions) {
    if (text.length + 1 + version.length > DESCRIPTION_LIMIT) break;
    text += ` ${version}`;
  }
  return text;
}

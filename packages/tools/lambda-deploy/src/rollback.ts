import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  type LambdaClient,
  UpdateAliasCommand,
} from "@aws-sdk/client-lambda";
import { aliasHistory, historyDescription, type PromotedFrom, versionRecord } from "./release-record";

/** One entry of a stage's release history: a version, and what its own description records. */
export interface HistoryEntry {
  version: string;
  stage?: string;
  origin?: string;
  /** For a promoted version: the stage and version whose code it carries. */
  promotedFrom?: PromotedFrom;
  codeSha256?: string;
  lastModified?: string;
}

async function describeVersion(client: LambdaClient, name: string, version: string): Promise<HistoryEntry> {
  const config = await client.send(
    new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: version }),
  );
  const record = versionRecord(config.Description);
  return {
    version,
    ...(record && { stage: record.stage, origin: record.origin }),
    ...(record?.promotedFrom && { promotedFrom: record.promotedFrom }),
    ...(config.CodeSha256 && { codeSha256: config.CodeSha256 }),
    ...(config.LastModified && { lastModified: config.LastModified }),
  };
}

/** The alias's version now and the versions a deploy made live on it before, newest first. */
export async function releaseHistory(client: LambdaClient, name: string, alias: string) {
  const current = await client.send(new GetAliasCommand({ FunctionName: name, Name: alias }));
  const live = current.FunctionVersion ?? "";
  const entries = await Promise.all(
    aliasHistory(current.Description).map((version) => describeVersion(client, name, version)),
  );
  return { live, current: await describeVersion(client, name, live), entries };
}

/** Whether a version may serve the stage again: a deploy made it for this stage (never pnpm dev's). */
export const isRollbackTarget = (entry: HistoryEntry, stage: string) =>
  entry.stage === stage && entry.origin === "deploy";

/**
 * Moves the stage's alias back to the version that served the stage before the one it serves now, as the
 * alias's own history records it: only a version a deploy made for this stage and made live after a passed
 * smoke test, never one of another stage or of pnpm dev, and never chosen by its number.
 */
export async function rollbackAlias(client: LambdaClient, name: string, alias: string) {
  const { live, entries } = await releaseHistory(client, name, alias);
  const at = entries.findIndex((entry) => entry.version === live);
  const earlier = at === -1 ? entries : entries.slice(at + 1);
  const target = earlier.find((entry) => isRollbackTarget(entry, alias));
  if (!target) {
    const recorded = entries.length ? entries.map((entry) => entry.version).join(", ") : "none";
    throw new Error(
      `${name}:${alias} serves version ${live}, and its history records no earlier version a deploy made live on ${alias} (recorded: ${recorded}). See pnpm run history; to go back further, deploy that code again.`,
    );
  }
  const kept = entries.slice(entries.indexOf(target)).map((entry) => entry.version);
  await client.send(
    new UpdateAliasCommand({
      FunctionName: name,
      Name: alias,
      FunctionVersion: target.version,
      Description: historyDescription(kept),
    }),
  );
  return { from: live, to: target.version };
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { probeEndpoint } from "@holonet/cli-support/endpoint-probe";

/** `--cloud` asked for the running local cloud, and none answers: what to do instead. */
export class CloudNotRunningError extends Error {
  override name = "CloudNotRunningError";
}

/**
 * The S3 endpoint of the local cloud running on `dataDir`, from the dev.json it writes while it runs,
 * checked to answer: a cloud killed outright could not remove its dev.json.
 */
export async function readRunningCloud(dataDir: string): Promise<{ s3: string }> {
  const file = path.join(dataDir, "dev.json");
  const instead = "start one with pnpm dev, or leave out --cloud to use invoke's own S3";
  let s3: unknown;
  try {
    s3 = (JSON.parse(readFileSync(file, "utf8")) as { s3?: unknown }).s3;
  } catch {
    throw new CloudNotRunningError(
      `No local cloud is running on ${dataDir} (no dev.json there): ${instead}.`,
    );
  }
  if (typeof s3 !== "string") throw new CloudNotRunningError(`${file} names no S3 endpoint: ${instead}.`);
  const failure = await probeEndpoint(s3);
  if (failure)
    throw new CloudNotRunningError(
      `The local cloud in ${file} is not answering (S3 at ${s3}: ${failure}): ${instead}.`,
    );
  return { s3 };
}

import {
  GetAliasCommand,
  GetFunctionCommand,
  type LambdaClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-lambda";
import { downloadCode } from "./code-download";
import { type DeployOutcome, deployFunction } from "./deploy-function";
import type { FunctionSpec } from "./function-spec";
import { aliasHistory, versionRecord } from "./release-record";

/** The version a stage tested, as promotion found it: its number, code and the zip of that code. */
export interface PromotionSource {
  name: string;
  stage: string;
  version: string;
  codeSha256: string;
  zip: Uint8Array;
}

/** Why a version may not leave its stage, or undefined when it may. */
function refusal(
  name: string,
  stage: string,
  version: string,
  description: string | undefined,
  live: string[],
): string | undefined {
  const record = versionRecord(description);
  const at = `${name}:${stage} serves version ${version}`;
  if (!record) return `${at}, which no Holonet deploy published (its description holds no release record).`;
  if (record.stage !== stage)
    return `${at}, which was made for ${record.stage}: it carries ${record.stage}'s configuration, not what ${stage} tested.`;
  if (record.origin === "pnpm-dev")
    return `${at}, which pnpm dev published: only a deploy's version that passed its smoke test is promoted.`;
  if (live[0] !== version)
    return `${at}, which never passed its smoke test on ${stage} (the stage's live history ${live.length ? `starts at version ${live[0]}` : "is empty"}). Deploy to ${stage} again and promote once it passes.`;
  return undefined;
}

/**
 * Finds the version the `from` stage serves and tested, and downloads exactly its code: only a version a
 * deploy made for that stage and made live after a passed smoke test, its zip checked against CodeSha256.
 */
export async function readPromotionSource(
  client: LambdaClient,
  name: string,
  stage: string,
): Promise<PromotionSource> {
  const alias = await client
    .send(new GetAliasCommand({ FunctionName: name, Name: stage }))
    .catch((error: unknown) => {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      throw new Error(
        `${name} has no alias ${stage}: nothing was tested on ${stage}. Deploy to ${stage} first.`,
        {
          cause: error,
        },
      );
    });
  const version = alias.FunctionVersion ?? "";
  // GetFunction answers the version's configuration and a presigned URL of its code.
  // https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html
  const found = await client.send(new GetFunctionCommand({ FunctionName: name, Qualifier: version }));
  const why = refusal(
    name,
    stage,
    version,
    found.Configuration?.Description,
    aliasHistory(alias.Description),
  );
  if (why) throw new Error(`Nothing promoted: ${why}`);
  const codeSha256 = found.Configuration?.CodeSha256;
  const location = found.Code?.Location;
  if (!codeSha256 || !location)
    throw new Error(`Lambda answered no CodeSha256 or code location for ${name}:${version}.`);
  return { name, stage, version, codeSha256, zip: await downloadCode(location, codeSha256) };
}

/**
 * Publishes the source's code with the target stage's configuration and moves that stage's alias to it, as a
 * deploy does (smoke test, record on pass, back on failure); the new version records where its code came from.
 */
export const promoteFunction = (
  client: LambdaClient,
  source: PromotionSource,
  spec: FunctionSpec,
  options: { alias: string; smokeEvent: unknown; onStep?: (message: string) => void },
): Promise<DeployOutcome> =>
  deployFunction(client, spec, source.zip, {
    ...options,
    promotedFrom: { stage: source.stage, version: source.version },
  });

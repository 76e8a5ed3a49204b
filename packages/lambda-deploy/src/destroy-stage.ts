import {
  type CloudFormationClient,
  DeleteStackCommand,
  waitUntilStackDeleteComplete,
} from "@aws-sdk/client-cloudformation";
import {
  DeleteAliasCommand,
  GetAliasCommand,
  type LambdaClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-lambda";
import { DeleteObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

export interface StagePlan {
  aliases: { functionName: string; alias: string; version: string }[];
  buckets: { bucket: string; keys: string[] }[];
  stack?: string;
}

/** Every key in a bucket, from all pages of the listing; none when the bucket does not exist. */
async function allKeys(client: S3Client, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const answer = await client
      .send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }))
      .catch((error: unknown) => {
        if ((error as { name?: string }).name === "NoSuchBucket") return undefined;
        throw error;
      });
    if (!answer) break;
    for (const { Key } of answer.Contents ?? []) if (Key) keys.push(Key);
    token = answer.NextContinuationToken;
    if (!token) break;
  }
  return keys;
}

/** What destroying a stage would remove: its aliases, its buckets' objects, its stack. Changes nothing. */
export async function planDestroy(
  clients: { lambda: LambdaClient; s3: S3Client },
  stage: { alias: string; functionNames: string[]; buckets: string[]; stack?: string },
): Promise<StagePlan> {
  const aliases = (
    await Promise.all(
      stage.functionNames.map(async (functionName) => {
        const alias = await clients.lambda
          .send(new GetAliasCommand({ FunctionName: functionName, Name: stage.alias }))
          .catch((error: unknown) => {
            if (error instanceof ResourceNotFoundException) return undefined;
            throw error;
          });
        return alias?.FunctionVersion
          ? [{ functionName, alias: stage.alias, version: alias.FunctionVersion }]
          : [];
      }),
    )
  ).flat();
  const buckets = await Promise.all(
    stage.buckets.map(async (bucket) => ({ bucket, keys: await allKeys(clients.s3, bucket) })),
  );
  return { aliases, buckets, ...(stage.stack && { stack: stage.stack }) };
}

export function describePlan(plan: StagePlan): string[] {
  return [
    ...plan.aliases.map(
      (a) => `alias ${a.alias} of ${a.functionName} (on version ${a.version}; the versions stay)`,
    ),
    ...plan.buckets.map((b) => `${b.keys.length} object(s) in s3://${b.bucket}`),
    ...(plan.stack
      ? [`the stack ${plan.stack}: its roles, HTTP API and web bucket (the data bucket is kept, empty)`]
      : []),
  ];
}

/** Removes what the plan lists, aliases first so that nothing serves the stage while its data goes. */
export async function destroyStage(
  clients: { lambda: LambdaClient; s3: S3Client; cloudFormation: CloudFormationClient },
  plan: StagePlan,
  say: (line: string) => void,
): Promise<void> {
  for (const { functionName, alias } of plan.aliases) {
    say(`deleting alias ${functionName}:${alias}`);
    await clients.lambda.send(new DeleteAliasCommand({ FunctionName: functionName, Name: alias }));
  }
  for (const { bucket, keys } of plan.buckets) {
    say(`deleting ${keys.length} object(s) in s3://${bucket}`);
    for (const key of keys) await clients.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }
  if (plan.stack) {
    say(`deleting the stack ${plan.stack}`);
    await clients.cloudFormation.send(new DeleteStackCommand({ StackName: plan.stack }));
    await waitUntilStackDeleteComplete(
      { client: clients.cloudFormation, minDelay: 1, maxDelay: 10, maxWaitTime: 1800 },
      { StackName: plan.stack },
    );
  }
}

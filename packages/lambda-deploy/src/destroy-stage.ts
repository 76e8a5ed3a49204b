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
import { stackStatus } from "./stack-outputs";

export interface StagePlan {
  aliases: { functionName: string; alias: string; version: string }[];
  /** `keys` undefined: the bucket does not exist. */
  buckets: { bucket: string; keys?: string[] }[];
  stack?: string;
}

/** Every key in a bucket, from all pages of the listing; undefined when the bucket does not exist. */
async function allKeys(client: S3Client, bucket: string): Promise<string[] | undefined> {
  const keys: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const answer = await client
      .send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }))
      .catch((error: unknown) => {
        if ((error as { name?: string }).name === "NoSuchBucket") return undefined;
        throw error;
      });
    if (!answer) return undefined;
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
    ...plan.buckets.map((b) =>
      b.keys
        ? `${b.keys.length} object(s) in s3://${b.bucket}`
        : `nothing in s3://${b.bucket}: it does not exist`,
    ),
    ...(plan.stack
      ? [`the stack ${plan.stack}: its roles, HTTP API and web bucket (the data bucket is kept, empty)`]
      : []),
  ];
}

/** Whether the plan removes anything at all. */
export const planIsEmpty = (plan: StagePlan) =>
  plan.aliases.length === 0 && plan.buckets.every((b) => (b.keys ?? []).length === 0) && !plan.stack;

/**
 * Removes what the plan lists, aliases first so that nothing serves the stage while its data goes, and
 * checks at the end that the stack is gone. A step that fails stops it: the error says what was removed and
 * what is left, so that nobody reads a half-done destroy as done.
 */
export async function destroyStage(
  clients: { lambda: LambdaClient; s3: S3Client; cloudFormation: CloudFormationClient },
  plan: StagePlan,
  say: (line: string) => void,
): Promise<void> {
  const done: string[] = [];
  const step = async (what: string, action: () => Promise<unknown>) => {
    say(what);
    try {
      await action();
    } catch (error) {
      const left = describePlan({ ...plan, buckets: plan.buckets.filter((b) => b.keys) }).filter(
        (line) => !done.includes(line),
      );
      throw new Error(
        `${what} failed: ${(error as Error).message}\nRemoved: ${done.length ? done.join("; ") : "nothing"}.\nLeft: ${left.join("; ")}.`,
        { cause: error },
      );
    }
  };
  for (const { functionName, alias, version } of plan.aliases) {
    await step(`deleting alias ${functionName}:${alias}`, () =>
      clients.lambda.send(new DeleteAliasCommand({ FunctionName: functionName, Name: alias })),
    );
    done.push(`alias ${alias} of ${functionName} (on version ${version}; the versions stay)`);
  }
  for (const { bucket, keys } of plan.buckets) {
    if (!keys) continue;
    await step(`deleting ${keys.length} object(s) in s3://${bucket}`, async () => {
      for (const key of keys) await clients.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    });
    done.push(`${keys.length} object(s) in s3://${bucket}`);
  }
  const { stack } = plan;
  if (stack) {
    await step(`deleting the stack ${stack}`, async () => {
      await clients.cloudFormation.send(new DeleteStackCommand({ StackName: stack }));
      // The waiter's own failure says little; the stack's status after it says what happened.
      await waitUntilStackDeleteComplete(
        { client: clients.cloudFormation, minDelay: 1, maxDelay: 10, maxWaitTime: 1800 },
        { StackName: stack },
      ).catch(() => undefined);
      const status = await stackStatus(clients.cloudFormation, stack);
      if (status) throw new Error(`CloudFormation still has ${stack}, as ${status}`);
    });
  }
}

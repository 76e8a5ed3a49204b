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
import {
  DeleteBucketCommand,
  DeleteObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from "@aws-sdk/client-s3";
import { stackStatus } from "./stack-outputs";

/** A bucket and its keys; `keys` undefined: the bucket does not exist. */
export interface BucketContents {
  bucket: string;
  keys?: string[];
}

export interface StagePlan {
  aliases: { functionName: string; alias: string; version: string }[];
  /** Buckets the stack deletes, emptied first since CloudFormation deletes only empty buckets. */
  emptied: BucketContents[];
  /** The data bucket: the stack retains it (DeletionPolicy Retain); removed only when `delete` says so. */
  data: BucketContents & { delete: boolean };
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

/** What destroying a stage would remove and keep: its aliases, its buckets' objects, its stack. Changes nothing. */
export async function planDestroy(
  clients: { lambda: LambdaClient; s3: S3Client },
  stage: {
    alias: string;
    functionNames: string[];
    emptied: string[];
    data: string;
    deleteData: boolean;
    stack?: string;
  },
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
  const contents = (bucket: string) =>
    allKeys(clients.s3, bucket).then((keys): BucketContents => ({ bucket, ...(keys && { keys }) }));
  const emptied = await Promise.all(stage.emptied.map(contents));
  const data = { ...(await contents(stage.data)), delete: stage.deleteData };
  return { aliases, emptied, data, ...(stage.stack && { stack: stage.stack }) };
}

const objects = (count = 0) => `${count} object${count === 1 ? "" : "s"}`;
const aliasLine = (a: StagePlan["aliases"][number]) =>
  `alias ${a.alias} of ${a.functionName} (on version ${a.version}; the versions stay)`;
const emptiedLine = (b: BucketContents) => `${objects(b.keys?.length)} in s3://${b.bucket}`;
const stackLine = (stack: string) =>
  `the stack ${stack}: its roles, HTTP API and web bucket (the data bucket is retained)`;
const dataLine = (b: BucketContents) =>
  `s3://${b.bucket} and its ${objects(b.keys?.length)}, after the stack (--delete-data)`;
const missingLine = (b: BucketContents) => `s3://${b.bucket}: does not exist`;

/** What the plan removes, one line each, in the order destroyStage removes them. */
export function describePlan(plan: StagePlan): string[] {
  return [
    ...plan.aliases.map(aliasLine),
    ...plan.emptied.map((b) => (b.keys ? emptiedLine(b) : missingLine(b))),
    ...(plan.stack ? [stackLine(plan.stack)] : []),
    ...(plan.data.delete ? [plan.data.keys ? dataLine(plan.data) : missingLine(plan.data)] : []),
  ];
}

/** What the plan keeps: the data bucket unless --delete-data, or undefined. */
export function describeKept(plan: StagePlan): string | undefined {
  const { data } = plan;
  if (data.delete) return undefined;
  if (!data.keys) return missingLine(data);
  return `kept: s3://${data.bucket} with ${objects(data.keys.length)} (retained; the next deploy:stack adopts it; --delete-data removes it)`;
}

/** Whether the plan removes anything at all. */
export const planIsEmpty = (plan: StagePlan) =>
  plan.aliases.length === 0 &&
  plan.emptied.every((b) => (b.keys ?? []).length === 0) &&
  !plan.stack &&
  !(plan.data.delete && plan.data.keys);

/**
 * Removes what the plan lists: aliases first so that nothing serves the stage while its buckets go, then the
 * stack, checked gone at the end, and only then, when asked, the data bucket the stack retained. A step
 * that fails stops it: the error says what was removed and what is left, so that nobody reads a half-done
 * destroy as done.
 */
export async function destroyStage(
  clients: { lambda: LambdaClient; s3: S3Client; cloudFormation: CloudFormationClient },
  plan: StagePlan,
  say: (line: string) => void,
): Promise<void> {
  const done: string[] = [];
  // What exists, so that "Left:" never names a bucket that does not.
  const existing = {
    ...plan,
    emptied: plan.emptied.filter((b) => b.keys),
    data: { ...plan.data, delete: plan.data.delete && plan.data.keys !== undefined },
  };
  const step = async (what: string, line: string, action: () => Promise<unknown>) => {
    say(what);
    try {
      await action();
    } catch (error) {
      const left = describePlan(existing).filter((each) => !done.includes(each));
      throw new Error(
        `${what} failed: ${(error as Error).message}\nRemoved: ${done.length ? done.join("; ") : "nothing"}.\nLeft: ${left.join("; ")}.`,
        { cause: error },
      );
    }
    done.push(line);
  };
  for (const each of plan.aliases) {
    await step(`deleting alias ${each.functionName}:${each.alias}`, aliasLine(each), () =>
      clients.lambda.send(new DeleteAliasCommand({ FunctionName: each.functionName, Name: each.alias })),
    );
  }
  for (const bucket of existing.emptied) {
    await step(`deleting ${objects(bucket.keys?.length)} in s3://${bucket.bucket}`, emptiedLine(bucket), () =>
      deleteKeys(clients.s3, bucket),
    );
  }
  const { stack, data } = plan;
  if (stack) {
    await step(`deleting the stack ${stack}`, stackLine(stack), async () => {
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
  if (data.delete && data.keys) {
    await step(
      `deleting s3://${data.bucket} and its ${objects(data.keys.length)}`,
      dataLine(data),
      async () => {
        await deleteKeys(clients.s3, data);
        await clients.s3.send(new DeleteBucketCommand({ Bucket: data.bucket }));
      },
    );
  }
}

/** Deletes every object in the bucket, listed again now: one written since the plan would keep it from going. */
async function deleteKeys(client: S3Client, { bucket }: BucketContents) {
  for (const key of (await allKeys(client, bucket)) ?? [])
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

import {
  type Change,
  type CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type Stack,
} from "@aws-sdk/client-cloudformation";
import type { Stage } from "./app-definition";
import { renderTemplate } from "./cloudformation-template";
import {
  changeSetName,
  changeSetState,
  changeSetTypeFor,
  checkTemplateSize,
  DeployError,
  describeChanges,
  formatEvent,
  isStackMissing,
  stackState,
  unseenEvents,
} from "./deploy-decisions";
import { stackName } from "./stack-names";

export interface DeployOptions {
  client: Pick<CloudFormationClient, "send">;
  stage: Stage;
  dryRun: boolean;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Polling interval, and how long to wait for a change set and for the stack, before giving up. */
  pollMs?: number;
  changeSetTimeoutMs?: number;
  stackTimeoutMs?: number;
}

export type DeployResult = "no-changes" | "planned" | "deployed";

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function describeStack(client: DeployOptions["client"], name: string): Promise<Stack | undefined> {
  try {
    return (await client.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
  } catch (error) {
    if (isStackMissing(error)) return undefined;
    throw error;
  }
}

/** Every change of a change set, once CloudFormation has computed it (or found there is none). */
async function awaitChangeSet(options: Required<DeployOptions>, stack: string, name: string) {
  const deadline = Date.now() + options.changeSetTimeoutMs;
  for (;;) {
    const described = await options.client.send(
      new DescribeChangeSetCommand({ StackName: stack, ChangeSetName: name }),
    );
    const state = changeSetState(described.Status, described.StatusReason);
    if (state === "failed")
      throw new DeployError(
        `CloudFormation refused the change set: ${described.StatusReason ?? "no reason given"}`,
      );
    if (state !== "pending") {
      const changes: Change[] = [...(described.Changes ?? [])];
      let next = described.NextToken;
      while (next) {
        const page = await options.client.send(
          new DescribeChangeSetCommand({ StackName: stack, ChangeSetName: name, NextToken: next }),
        );
        changes.push(...(page.Changes ?? []));
        next = page.NextToken;
      }
      return { state, changes };
    }
    if (Date.now() > deadline)
      throw new DeployError(`The change set ${name} was still being computed; gave up.`);
    await options.sleep(options.pollMs);
  }
}

/** Shows the stack's events as they come, until the stack settles; then its outputs. */
async function followStack(options: Required<DeployOptions>, stack: string, since: Date): Promise<Stack> {
  const seen = new Set<string>();
  const deadline = Date.now() + options.stackTimeoutMs;
  for (;;) {
    const events = await options.client.send(new DescribeStackEventsCommand({ StackName: stack }));
    for (const event of unseenEvents(events.StackEvents ?? [], seen, since)) {
      seen.add(event.EventId as string);
      options.log(formatEvent(event));
    }
    const current = await describeStack(options.client, stack);
    const state = stackState(current?.StackStatus);
    if (current && state === "succeeded") return current;
    if (state === "failed")
      throw new DeployError(
        `The stack ${stack} did not deploy (${current?.StackStatus ?? "gone"}${current?.StackStatusReason ? `: ${current.StackStatusReason}` : ""}); the events above say why.`,
      );
    if (Date.now() > deadline)
      throw new DeployError(`The stack ${stack} was still ${current?.StackStatus}; stopped watching it.`);
    await options.sleep(options.pollMs);
  }
}

/**
 * Creates or updates the stage's stack through a change set: plan, show the plan, execute it (unless a dry
 * run, which deletes it), follow the events and print the outputs.
 */
export async function deployStack(input: DeployOptions): Promise<DeployResult> {
  const options: Required<DeployOptions> = {
    sleep: defaultSleep,
    pollMs: 5000,
    changeSetTimeoutMs: 10 * 60_000,
    stackTimeoutMs: 60 * 60_000,
    ...input,
  };
  const { client, log } = options;
  const stack = stackName(options.stage);
  const body = renderTemplate(options.stage);
  checkTemplateSize(body);

  const type = changeSetTypeFor((await describeStack(client, stack))?.StackStatus, options.stage);
  const name = changeSetName(stack, new Date());
  log(`${stack}: planning a ${type} change set (${name})`);
  await client.send(
    new CreateChangeSetCommand({
      StackName: stack,
      ChangeSetName: name,
      ChangeSetType: type,
      TemplateBody: body,
      // The stack names its IAM roles (holonet-<stage>-<function>), so it must acknowledge that.
      Capabilities: ["CAPABILITY_NAMED_IAM"],
      // A stage that was destroyed kept its data bucket (DeletionPolicy Retain, a fixed name): creating the
      // stage again adopts it, saved quotes and all, instead of failing on a name that is taken.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/import-resources-automatically.html
      ImportExistingResources: true,
      Description: `pnpm --filter @holonet/infra run deploy --stage ${options.stage}`,
    }),
  );
  const { state, changes } = await awaitChangeSet(options, stack, name);
  const discard = async () => {
    await client.send(new DeleteChangeSetCommand({ StackName: stack, ChangeSetName: name }));
    // A CREATE change set leaves an empty stack shell (REVIEW_IN_PROGRESS) behind; it holds no resources.
    if (type === "CREATE") await client.send(new DeleteStackCommand({ StackName: stack }));
  };

  if (state === "empty") {
    await discard();
    log(`${stack}: no changes; the stack already matches the definition.`);
    return "no-changes";
  }
  for (const line of describeChanges(changes)) log(line);
  if (options.dryRun) {
    await discard();
    log(`${stack}: dry run; the change set was deleted and nothing changed.`);
    return "planned";
  }

  const started = new Date();
  await client.send(new ExecuteChangeSetCommand({ StackName: stack, ChangeSetName: name }));
  const settled = await followStack(options, stack, started);
  log(`${stack}: ${settled.StackStatus}. Outputs:`);
  for (const output of settled.Outputs ?? []) log(`  ${output.OutputKey} = ${output.OutputValue}`);
  return "deployed";
}

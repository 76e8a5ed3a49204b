/**
 * What the stack deploy decides, as pure functions of what CloudFormation answered, so that each decision
 * is tested without an AWS account. Stack statuses:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/view-stack-events.html#cfn-console-view-stack-data-resources-status-codes
 */

import type { Stage } from "./app-definition";
import { stackName } from "./stack-names";

/** Thrown for a situation the user must resolve; the CLI prints its message alone, with no stack trace. */
export class DeployError extends Error {
  override name = "DeployError";
}

/**
 * CREATE for a stack that does not exist yet (or exists only as the shell a CREATE change set leaves
 * behind, REVIEW_IN_PROGRESS), UPDATE for a stack that has settled, and an error for one that cannot take
 * a change set now.
 */
export function changeSetTypeFor(stackStatus: string | undefined, stage: Stage): "CREATE" | "UPDATE" {
  const stack = stackName(stage);
  if (stackStatus === undefined || stackStatus === "REVIEW_IN_PROGRESS") return "CREATE";
  if (stackStatus.endsWith("_IN_PROGRESS"))
    throw new DeployError(
      `The stack ${stack} is busy (${stackStatus}); wait for it to settle and deploy again.`,
    );
  if (
    stackStatus === "ROLLBACK_COMPLETE" ||
    stackStatus === "ROLLBACK_FAILED" ||
    stackStatus === "CREATE_FAILED"
  )
    throw new DeployError(
      `The stack ${stack} failed to create (${stackStatus}) and can only be deleted: delete it (pnpm run destroy --stage ${stage}, or aws cloudformation delete-stack --stack-name ${stack}) and deploy again. The data bucket is retained, and the next deploy adopts it.`,
    );
  if (stackStatus === "UPDATE_ROLLBACK_FAILED")
    throw new DeployError(
      `The stack ${stack} is stuck in UPDATE_ROLLBACK_FAILED: fix the cause, then continue the rollback (aws cloudformation continue-update-rollback --stack-name ${stack}).`,
    );
  if (stackStatus === "DELETE_FAILED")
    throw new DeployError(`The stack ${stack} failed to delete (DELETE_FAILED): finish deleting it first.`);
  return "UPDATE";
}

/** DescribeStacks answers a ValidationError "Stack with id ... does not exist" for an unknown stack. */
export function isStackMissing(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return e.name === "ValidationError" && /does not exist/.test(e.message ?? "");
}

/**
 * CloudFormation fails a change set that would change nothing, with this reason (it has said it both
 * ways over the years): https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets-create.html
 */
export const isNoChangesReason = (reason: string | undefined) =>
  /didn't contain changes|No updates are to be performed/i.test(reason ?? "");

export type ChangeSetState = "pending" | "ready" | "empty" | "failed";

export function changeSetState(status: string | undefined, reason: string | undefined): ChangeSetState {
  if (status === "CREATE_COMPLETE") return "ready";
  if (status === "FAILED") return isNoChangesReason(reason) ? "empty" : "failed";
  return "pending";
}

export type StackState = "in-progress" | "succeeded" | "failed";

/** Where an executed change set has left the stack: a rollback is a failure even once it completes. */
export function stackState(status: string | undefined): StackState {
  if (status === undefined || status.endsWith("_IN_PROGRESS")) return "in-progress";
  if (status === "CREATE_COMPLETE" || status === "UPDATE_COMPLETE" || status === "IMPORT_COMPLETE")
    return "succeeded";
  return "failed";
}

export interface ResourceChangeSummary {
  Action?: string;
  LogicalResourceId?: string;
  ResourceType?: string;
  Replacement?: string;
}

/** One line of the plan: `Modify  AWS::IAM::Role  StoreGetRole  (replaces it)`. */
export function formatChange(change: ResourceChangeSummary): string {
  const replacement =
    change.Replacement === "True"
      ? "  (replaces it)"
      : change.Replacement === "Conditional"
        ? "  (may replace it)"
        : "";
  return `${(change.Action ?? "?").padEnd(7)} ${(change.ResourceType ?? "?").padEnd(32)} ${change.LogicalResourceId ?? "?"}${replacement}`;
}

/**
 * The plan's lines: each resource change, and what an Import means. A change set can hold no resource
 * change at all when only the stack's outputs or description change; it still has to run.
 */
export function describeChanges(changes: readonly { ResourceChange?: ResourceChangeSummary }[]): string[] {
  const resources = changes.flatMap((change) => (change.ResourceChange ? [change.ResourceChange] : []));
  if (resources.length === 0) return ["No resource changes; only the stack's outputs or settings change."];
  const lines = [
    `${resources.length} resource change${resources.length === 1 ? "" : "s"}:`,
    ...resources.map((change) => `  ${formatChange(change)}`),
  ];
  if (resources.some((change) => change.Action === "Import"))
    lines.push(
      "Import: the resource exists already (a data bucket kept when the stage was destroyed); the stack adopts it as it is, objects and all.",
    );
  return lines;
}

export interface StackEventSummary {
  EventId?: string;
  Timestamp?: Date;
  LogicalResourceId?: string;
  ResourceType?: string;
  ResourceStatus?: string;
  ResourceStatusReason?: string;
}

/**
 * The events not shown yet, oldest first. DescribeStackEvents answers newest first and includes the
 * stack's whole history, so only events at or after the deploy's start count.
 */
export function unseenEvents(
  newestFirst: readonly StackEventSummary[],
  seen: ReadonlySet<string>,
  since: Date,
): StackEventSummary[] {
  return newestFirst
    .filter((event) => event.EventId && !seen.has(event.EventId))
    .filter((event) => (event.Timestamp?.getTime() ?? 0) >= since.getTime())
    .reverse();
}

export function formatEvent(event: StackEventSummary): string {
  const time = event.Timestamp?.toISOString().slice(11, 19) ?? "--:--:--";
  const reason = event.ResourceStatusReason ? `  ${event.ResourceStatusReason}` : "";
  return `${time}  ${(event.ResourceStatus ?? "?").padEnd(28)} ${(event.ResourceType ?? "?").padEnd(32)} ${event.LogicalResourceId ?? "?"}${reason}`;
}

/**
 * CreateChangeSet takes a TemplateBody of at most 51,200 bytes; past that the template must go through S3.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
export const TEMPLATE_BODY_LIMIT_BYTES = 51_200;

export function checkTemplateSize(body: string): void {
  const size = Buffer.byteLength(body, "utf8");
  if (size > TEMPLATE_BODY_LIMIT_BYTES)
    throw new DeployError(
      `The template is ${size} bytes, over CloudFormation's ${TEMPLATE_BODY_LIMIT_BYTES} for an inline body: it would have to be uploaded to S3 first.`,
    );
}

/** Change set names: a letter, then letters, digits and hyphens, at most 128. */
export const changeSetName = (stack: string, now: Date) =>
  `${stack}-${now
    .toISOString()
    .replace(/[^0-9]/g, "")
    .slice(0, 14)}`;

import { randomUUID } from "node:crypto";
import type { Stage } from "@holonet/infra/app-definition";
import { stackName } from "@holonet/infra/stack-names";
import type { LocalStage } from "./local-stage";
import type { ResourceChange } from "./template-changes";

/** A refusal of the CloudFormation API: its error code and message, as the query protocol returns them. */
export class StackApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "StackApiError";
  }
}

export interface StackEvent {
  EventId: string;
  StackName: string;
  StackId: string;
  Timestamp: Date;
  LogicalResourceId: string;
  PhysicalResourceId: string;
  ResourceType: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
}

export interface ChangeSet {
  id: string;
  name: string;
  stackName: string;
  stackId: string;
  type: "CREATE" | "UPDATE";
  status: "CREATE_COMPLETE" | "FAILED";
  statusReason?: string;
  executionStatus: "AVAILABLE" | "UNAVAILABLE" | "EXECUTE_COMPLETE";
  changes: ResourceChange[];
  body: string;
  created: Date;
}

export interface StackRecord {
  name: string;
  stage: Stage;
  id: string;
  status: string;
  statusReason?: string;
  created: Date;
  updated?: Date;
  /** The template it was last created or updated with: the one an UPDATE change set is compared with. */
  body?: string;
  /** Whether the stage's resources belong to it (not to a REVIEW_IN_PROGRESS shell, nor after a rollback). */
  hasResources: boolean;
  changeSets: Map<string, ChangeSet>;
  events: StackEvent[];
}

export type StageResources = Pick<LocalStage, "start" | "create" | "remove" | "outputs" | "bucketExists">;

/** What the stack operations share: the stacks by name, and each stage's resources. */
export interface StacksState {
  region: string;
  stages: Record<Stage, StageResources>;
  template: (stage: Stage) => string;
  stacks: Map<string, StackRecord>;
}

export function newStack(state: StacksState, stage: Stage, status: string): StackRecord {
  const name = stackName(stage);
  const record: StackRecord = {
    name,
    stage,
    id: `arn:aws:cloudformation:${state.region}:000000000000:stack/${name}/${randomUUID()}`,
    status,
    created: new Date(),
    hasResources: false,
    changeSets: new Map(),
    events: [],
  };
  state.stacks.set(name, record);
  return record;
}

/** A resource's event; without a resource, the stack's own. */
export function recordEvent(
  stack: StackRecord,
  resource: { id: string; type: string } | undefined,
  status: string,
  reason?: string,
): void {
  stack.events.push({
    EventId: randomUUID(),
    StackName: stack.name,
    StackId: stack.id,
    Timestamp: new Date(),
    LogicalResourceId: resource?.id ?? stack.name,
    PhysicalResourceId: resource ? "" : stack.id,
    ResourceType: resource?.type ?? "AWS::CloudFormation::Stack",
    ResourceStatus: status,
    ...(reason && { ResourceStatusReason: reason }),
  });
}

/** The stack's new status, told by an event of its own. */
export function settle(stack: StackRecord, status: string, reason?: string): void {
  stack.status = status;
  stack.statusReason = reason;
  recordEvent(stack, undefined, status, reason);
}

/** A stack by name or id; a deleted one is gone, as DescribeStacks says of it. */
export function findStack(state: StacksState, nameOrId: string): StackRecord {
  const stack = state.stacks.get(nameOrId) ?? [...state.stacks.values()].find((each) => each.id === nameOrId);
  if (!stack) throw new StackApiError("ValidationError", `Stack with id ${nameOrId} does not exist`);
  return stack;
}

export function findChangeSet(state: StacksState, stack: string | null, nameOrId: string): ChangeSet {
  const candidates = stack ? [findStack(state, stack)] : [...state.stacks.values()];
  for (const each of candidates)
    for (const changeSet of each.changeSets.values())
      if (changeSet.name === nameOrId || changeSet.id === nameOrId) return changeSet;
  throw new StackApiError("ChangeSetNotFound", `ChangeSet [${nameOrId}] does not exist`);
}

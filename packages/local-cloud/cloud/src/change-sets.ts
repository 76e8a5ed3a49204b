import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { bucketName, STAGES } from "@holonet/infra/app-definition";
import { LOGICAL_IDS, stackName } from "@holonet/infra/stack-names";
import { StackResourceError } from "./local-stage";
import { BUCKET_IDS } from "./shared-services";
import {
  type ChangeSet,
  findStack,
  newStack,
  recordEvent,
  StackApiError,
  type StackRecord,
  type StacksState,
  settle,
} from "./stack-records";
import { parseTemplate, resourceChanges, type TemplateResources } from "./template-changes";

/** AWS's reason for a change set that would change nothing (infra's isNoChangesReason reads it). */
export const NO_CHANGES_REASON =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

export interface CreateChangeSetInput {
  stackName: string;
  name: string;
  type: "CREATE" | "UPDATE";
  body: string | null;
  importExisting: boolean;
}

function readTemplate(body: string | null): TemplateResources {
  try {
    return parseTemplate(body);
  } catch (error) {
    throw new StackApiError("ValidationError", (error as Error).message);
  }
}

/** The stack the change set is for: an existing one for UPDATE; for CREATE a new shell (REVIEW_IN_PROGRESS). */
function targetStack(state: StacksState, input: CreateChangeSetInput): StackRecord {
  const stage = STAGES.find((each) => stackName(each) === input.stackName);
  if (!stage)
    throw new StackApiError(
      "ValidationError",
      `The local cloud holds the stacks ${STAGES.map(stackName).join(", ")}, not ${input.stackName}`,
    );
  const existing = state.stacks.get(input.stackName);
  const shell = existing?.status === "REVIEW_IN_PROGRESS";
  if (input.type === "CREATE" && existing && !shell)
    throw new StackApiError(
      "ValidationError",
      `Stack [${input.stackName}] already exists and cannot be created again with the changeSet [${input.name}].`,
    );
  if (input.type === "UPDATE" && (!existing || shell))
    throw new StackApiError("ValidationError", `Stack [${input.stackName}] does not exist`);
  return existing ?? newStack(state, stage, "REVIEW_IN_PROGRESS");
}

/** The stage's buckets that exist outside any stack, which a CREATE with ImportExistingResources takes over. */
async function bucketsOutsideStacks(state: StacksState, stack: StackRecord): Promise<Set<string>> {
  const names = new Set<string>();
  for (const id of BUCKET_IDS)
    if (await state.stages[stack.stage].bucketExists(id)) names.add(bucketName(id, stack.stage));
  return names;
}

/**
 * Computes the change set at once (Status CREATE_COMPLETE) by comparing the template with the stack's
 * last one; a template equal to it fails with AWS's "no changes" reason.
 */
export async function createChangeSet(state: StacksState, input: CreateChangeSetInput): Promise<ChangeSet> {
  const template = readTemplate(input.body);
  const stack = targetStack(state, input);
  if (stack.changeSets.has(input.name))
    throw new StackApiError("AlreadyExistsException", `ChangeSet [${input.name}] already exists`);
  const update = input.type === "UPDATE" && stack.body !== undefined;
  const outside =
    input.type === "CREATE" && input.importExisting ? await bucketsOutsideStacks(state, stack) : new Set();
  const before = update ? parseTemplate(stack.body ?? "") : undefined;
  const changes = resourceChanges(before, template, (name) => outside.has(name));
  const unchanged = before !== undefined && isDeepStrictEqual(before, template);
  const changeSet: ChangeSet = {
    id: `arn:aws:cloudformation:${state.region}:000000000000:changeSet/${input.name}/${randomUUID()}`,
    name: input.name,
    stackName: stack.name,
    stackId: stack.id,
    type: input.type,
    status: unchanged ? "FAILED" : "CREATE_COMPLETE",
    ...(unchanged && { statusReason: NO_CHANGES_REASON }),
    executionStatus: unchanged ? "UNAVAILABLE" : "AVAILABLE",
    changes,
    body: input.body ?? "",
    created: new Date(),
  };
  stack.changeSets.set(changeSet.name, changeSet);
  return changeSet;
}

export async function executeChangeSet(state: StacksState, changeSet: ChangeSet): Promise<void> {
  const stack = findStack(state, changeSet.stackName);
  if (changeSet.executionStatus !== "AVAILABLE")
    throw new StackApiError(
      "InvalidChangeSetStatus",
      `ChangeSet [${changeSet.id}] cannot be executed in its current status of [${changeSet.status}]`,
    );
  // Executing one change set discards the stack's others.
  stack.changeSets.clear();
  changeSet.executionStatus = "EXECUTE_COMPLETE";
  if (changeSet.type === "CREATE") await executeCreate(state, stack, changeSet);
  else executeUpdate(stack, changeSet);
}

const resourceOf = (change: ChangeSet["changes"][number]) => ({
  id: change.LogicalResourceId,
  type: change.ResourceType,
});

/** Makes the stage's resources; a bucket that exists and was not imported fails it, and it rolls back. */
async function executeCreate(state: StacksState, stack: StackRecord, changeSet: ChangeSet) {
  settle(stack, "CREATE_IN_PROGRESS", "User Initiated");
  const imported = new Set(
    BUCKET_IDS.filter((id) =>
      changeSet.changes.some(
        (change) => change.Action === "Import" && change.LogicalResourceId === LOGICAL_IDS.bucket(id),
      ),
    ),
  );
  try {
    await state.stages[stack.stage].create(imported);
  } catch (error) {
    if (!(error instanceof StackResourceError)) throw error;
    const resource = { id: error.logicalResourceId, type: error.resourceType };
    recordEvent(stack, resource, "CREATE_FAILED", error.message);
    const failed = `The following resource(s) failed to create: [${error.logicalResourceId}]. `;
    settle(stack, "ROLLBACK_IN_PROGRESS", `${failed}Rollback requested by user.`);
    settle(stack, "ROLLBACK_COMPLETE");
    return;
  }
  for (const change of changeSet.changes)
    recordEvent(
      stack,
      resourceOf(change),
      change.Action === "Import" ? "IMPORT_COMPLETE" : "CREATE_COMPLETE",
    );
  stack.body = changeSet.body;
  stack.hasResources = true;
  settle(stack, "CREATE_COMPLETE");
}

const UPDATED = {
  Add: "CREATE_COMPLETE",
  Modify: "UPDATE_COMPLETE",
  Remove: "DELETE_COMPLETE",
  Import: "IMPORT_COMPLETE",
} as const;

/** Records the new template: the resources are the stage's, made from the definition it was rendered from. */
function executeUpdate(stack: StackRecord, changeSet: ChangeSet) {
  settle(stack, "UPDATE_IN_PROGRESS", "User Initiated");
  for (const change of changeSet.changes) recordEvent(stack, resourceOf(change), UPDATED[change.Action]);
  stack.body = changeSet.body;
  stack.updated = new Date();
  settle(stack, "UPDATE_COMPLETE");
}

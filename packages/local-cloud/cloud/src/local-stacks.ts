import { STAGES, type Stage } from "@holonet/infra/app-definition";
import { LOGICAL_IDS } from "@holonet/infra/stack-names";
import { type CreateChangeSetInput, createChangeSet, executeChangeSet } from "./change-sets";
import { StackResourceError } from "./local-stage";
import {
  findChangeSet,
  findStack,
  newStack,
  recordEvent,
  type StacksState,
  type StageResources,
  settle,
} from "./stack-records";

/**
 * The stage stacks' lifecycle, as CloudFormation keeps it: statuses, templates, change sets and events.
 * The resources are each stage's own, made from the application definition the templates are rendered
 * from; change sets are computed by comparing templates. Every operation settles before it answers, so
 * the first poll after it sees where it ended.
 */
export function localStacks(options: {
  region: string;
  stages: Record<Stage, StageResources>;
  template: (stage: Stage) => string;
}) {
  const state: StacksState = { ...options, stacks: new Map() };
  return {
    /** As after deploy:stack for every stage: each stack created from its stage's template. */
    async createAll() {
      for (const stage of STAGES) {
        await options.stages[stage].start();
        const stack = newStack(state, stage, "CREATE_IN_PROGRESS");
        stack.body = options.template(stage);
        stack.hasResources = true;
        settle(stack, "CREATE_COMPLETE");
      }
    },
    describe(nameOrId: string | null) {
      const found = nameOrId ? [findStack(state, nameOrId)] : [...state.stacks.values()];
      return found.map((stack) => ({
        ...stack,
        outputs: stack.hasResources ? options.stages[stack.stage].outputs() : {},
      }));
    },
    /** Newest first, as DescribeStackEvents answers. */
    events: (nameOrId: string) => [...findStack(state, nameOrId).events].reverse(),
    describeChangeSet: (stack: string | null, name: string) => findChangeSet(state, stack, name),
    deleteChangeSet(stack: string | null, name: string) {
      const found = findChangeSet(state, stack, name);
      state.stacks.get(found.stackName)?.changeSets.delete(found.name);
    },
    createChangeSet: (input: CreateChangeSetInput) => createChangeSet(state, input),
    executeChangeSet: (stack: string | null, name: string) =>
      executeChangeSet(state, findChangeSet(state, stack, name)),
    deleteStack: (nameOrId: string) => deleteStack(state, nameOrId),
  };
}

/**
 * Deletes the stage's resources but the retained data bucket. A bucket that cannot go (not empty) leaves
 * the stack DELETE_FAILED, still there. Deleting a stack that is not there succeeds, as on AWS.
 */
async function deleteStack(state: StacksState, nameOrId: string): Promise<void> {
  const stack = [...state.stacks.values()].find((each) => each.name === nameOrId || each.id === nameOrId);
  if (!stack) return;
  if (stack.hasResources) {
    settle(stack, "DELETE_IN_PROGRESS", "User Initiated");
    try {
      await state.stages[stack.stage].remove();
    } catch (error) {
      if (!(error instanceof StackResourceError)) throw error;
      const resource = { id: error.logicalResourceId, type: error.resourceType };
      recordEvent(stack, resource, "DELETE_FAILED", error.message);
      settle(stack, "DELETE_FAILED", `The following resource(s) failed to delete: [${resource.id}]. `);
      return;
    }
    recordEvent(stack, { id: LOGICAL_IDS.bucket("data"), type: "AWS::S3::Bucket" }, "DELETE_SKIPPED");
    settle(stack, "DELETE_COMPLETE");
  }
  state.stacks.delete(stack.name);
}

export type LocalStacks = ReturnType<typeof localStacks>;

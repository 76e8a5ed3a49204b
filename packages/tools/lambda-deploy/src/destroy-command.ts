import { createInterface } from "node:readline/promises";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import {
  bucketName,
  FUNCTION_NAMES,
  functionName,
  type Stage,
  stageAlias,
} from "@holonet/infra/app-definition";
import { stackName } from "@holonet/infra/stack-names";
import { say } from "./cli-output";
import { describeKept, describePlan, destroyStage, planDestroy, planIsEmpty } from "./destroy-stage";
import { cloudFormationClient, stackStatus } from "./stack-outputs";
import { UsageError } from "./usage-error";

async function confirmed(stage: Stage, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY)
    throw new UsageError("Nothing asked, nothing destroyed: add --yes to destroy without a terminal.");
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question(`Type the stage's name (${stage}) to destroy it: `);
  prompt.close();
  return answer.trim() === stage;
}

/** pnpm run destroy: shows what a stage made and what it keeps, then removes the former once confirmed. */
export async function destroyCommand(
  stage: Stage,
  options: { yes: boolean; force: boolean; deleteData: boolean },
): Promise<number> {
  if (stage === "prod" && !options.force) throw new UsageError("prod is not destroyed without --force.");
  const clients = {
    lambda: new LambdaClient({}),
    s3: new S3Client({}),
    cloudFormation: cloudFormationClient(),
  };
  try {
    // What exists is established before anything is deleted; a failure to read any of it stops here.
    const plan = await (async () => {
      const stack = (await stackStatus(clients.cloudFormation, stackName(stage)))
        ? stackName(stage)
        : undefined;
      return planDestroy(clients, {
        alias: stageAlias(stage),
        functionNames: FUNCTION_NAMES.map(functionName),
        emptied: [bucketName("web", stage)],
        data: bucketName("data", stage),
        deleteData: options.deleteData,
        ...(stack && { stack }),
      });
    })().catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\nNothing was destroyed.`, { cause: error });
    });
    console.log(`Destroying stage ${stage} removes:`);
    for (const line of describePlan(plan)) say(line);
    const kept = describeKept(plan);
    if (kept) say(kept);
    if (planIsEmpty(plan)) {
      console.log("Nothing to remove.");
      return 0;
    }
    if (!(await confirmed(stage, options.yes))) {
      console.log("Not confirmed: nothing destroyed.");
      return 1;
    }
    await destroyStage(clients, plan, say);
    const retained = !plan.data.delete && plan.data.keys !== undefined;
    console.log(`Stage ${stage} destroyed.${retained ? ` s3://${plan.data.bucket} is kept.` : ""}`);
    return 0;
  } finally {
    clients.lambda.destroy();
    clients.s3.destroy();
    clients.cloudFormation.destroy();
  }
}

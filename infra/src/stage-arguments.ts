import { parseArgs } from "node:util";
import type { Stage } from "./app-definition";
import { isStage } from "./stack-names";

export type StageArguments = { stage: Stage; dryRun: boolean } | { exitCode: number };

/**
 * Reads `--stage <stage>` (required, one the definition names), `--dry-run` where the command has one,
 * and `--help`, the same way for every infra command. Answers an exit code instead when there is nothing
 * to do (help) or the words are off (a message and the usage on stderr).
 */
export function readStageArguments(
  args: string[],
  usage: string,
  options: { dryRun: boolean },
): StageArguments {
  let values: { stage?: string; "dry-run"?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        stage: { type: "string" },
        "dry-run": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return { exitCode: 2 };
  }
  if (values["dry-run"] && !options.dryRun) {
    console.error(`This command has no --dry-run: it changes nothing anyway.\n\n${usage}`);
    return { exitCode: 2 };
  }
  if (values.help) {
    console.log(usage);
    return { exitCode: 0 };
  }
  if (!values.stage || !isStage(values.stage)) {
    console.error(
      `${values.stage ? `Unknown stage "${values.stage}".` : "--stage is required."}\n\n${usage}`,
    );
    return { exitCode: 2 };
  }
  return { stage: values.stage, dryRun: values["dry-run"] === true };
}

import { readFile } from "node:fs/promises";
import { answerDirect } from "@holonet/lambda-kit/answer-invocation";
import { errorFields, invocationFields, type Logger } from "@holonet/lambda-kit/logger";
import type { ServiceApp, WiredService, WiringOptions } from "@holonet/lambda-kit/service-app";

export interface IronWorkerTask {
  /** The worker's command line: IronWorker adds `-payload <file>`, `-id <task id>` and `-d <dir>`. */
  argv: readonly string[];
  environment: Record<string, string | undefined>;
  /** Where the answer goes: the task's log, which the IronWorker API serves (GET .../tasks/{id}/log). */
  writeOutput: (text: string) => void;
  logger: Logger;
}

/**
 * Runs one IronWorker task with the service's direct contract: the payload file holds the same input a
 * direct Lambda invocation takes (`{"isJedi": true}`), the answer is written to stdout, which is the
 * task's log. IronWorker passes the payload's location as `-payload` (and, in its Docker workflow, as
 * PAYLOAD_FILE): iron-io/docs worker/reference/payload/index.md and worker/getting_started/index.md
 * (http://dev.iron.io/worker/reference/payload/, http://dev.iron.io/worker/getting_started/). Resolves to the exit code:
 * 0 with the answer, 1 with the error as Lambda reports a failed invocation (errorType, errorMessage).
 */
export async function runIronWorkerTask<TOutput>(
  app: Pick<ServiceApp<TOutput>, "direct">,
  task: IronWorkerTask,
): Promise<number> {
  const taskId = flagValue(task.argv, "-id") ?? task.environment.TASK_ID ?? "local";
  const log = task.logger.with(invocationFields({ requestId: taskId, coldStart: true }));
  let input: unknown;
  try {
    input = await readPayload(task);
  } catch (error) {
    log.error("Task failed", errorFields(error));
    return fail(task, error);
  }
  try {
    task.writeOutput(`${JSON.stringify(await answerDirect(app, input, log))}\n`);
    return 0;
  } catch (error) {
    return fail(task, error);
  }
}

async function readPayload(task: IronWorkerTask): Promise<unknown> {
  const payloadFile = flagValue(task.argv, "-payload") ?? task.environment.PAYLOAD_FILE;
  if (payloadFile === undefined)
    throw new Error("No payload: IronWorker passes -payload <file> or PAYLOAD_FILE");
  return JSON.parse(await readFile(payloadFile, "utf8"));
}

/** Writes the error as Lambda reports a failed invocation, and gives the task's exit code. */
function fail(task: IronWorkerTask, error: unknown): number {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  task.writeOutput(`${JSON.stringify({ errorType: name, errorMessage: message })}\n`);
  return 1;
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at === -1 ? undefined : argv[at + 1];
}

/**
 * A service's whole IronWorker entry: wires it with its logs on stderr, so that stdout (the task's log)
 * holds the answer alone, runs the task of this process and sets its exit code.
 */
export async function runAsIronWorker<TOutput>(
  wire: (options: WiringOptions) => WiredService<TOutput>,
): Promise<void> {
  const { app, logger } = wire({
    platform: "elsewhere",
    writeLog: (line) => process.stderr.write(`${line}\n`),
  });
  process.exitCode = await runIronWorkerTask(app, {
    argv: process.argv,
    environment: process.env,
    writeOutput: (text) => process.stdout.write(text),
    logger,
  });
}

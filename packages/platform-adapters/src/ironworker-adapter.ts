import { readFile } from "node:fs/promises";
import { HttpError } from "@holonet/lambda-kit/errors";
import { errorFields, invocationFields, type Logger } from "@holonet/lambda-kit/logger";

/** A service's direct side, as its `createApp(deps)` gives it: the input object in, the output out. */
export interface DirectApp<TOutput> {
  direct: (input: unknown, log: Logger) => Promise<TOutput>;
}

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
  app: DirectApp<TOutput>,
  task: IronWorkerTask,
): Promise<number> {
  const taskId = flagValue(task.argv, "-id") ?? task.environment.TASK_ID ?? "local";
  const log = task.logger.with(invocationFields({ requestId: taskId, coldStart: true }));
  const payloadFile = flagValue(task.argv, "-payload") ?? task.environment.PAYLOAD_FILE;
  try {
    if (payloadFile === undefined)
      throw new Error("No payload: IronWorker passes -payload <file> or PAYLOAD_FILE");
    const input: unknown = JSON.parse(await readFile(payloadFile, "utf8"));
    task.writeOutput(`${JSON.stringify(await app.direct(input, log))}\n`);
    return 0;
  } catch (error) {
    if (error instanceof HttpError && error.status < 500) log.info("Task refused", { code: error.code });
    else log.error("Task failed", errorFields(error));
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    task.writeOutput(`${JSON.stringify({ errorType: name, errorMessage: message })}\n`);
    return 1;
  }
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
  wire: (writeLog: (line: string) => void) => { app: DirectApp<TOutput>; logger: Logger },
): Promise<void> {
  const { app, logger } = wire((line) => process.stderr.write(`${line}\n`));
  process.exitCode = await runIronWorkerTask(app, {
    argv: process.argv,
    environment: process.env,
    writeOutput: (text) => process.stdout.write(text),
    logger,
  });
}

import { runIronWorkerTask } from "@holonet/platform-adapters/ironworker-adapter";
import { portableApp } from "./portable-app";

// An IronWorker task: the payload file holds a direct invocation's input, stdout gets the answer alone.
const { app, logger } = portableApp((line) => process.stderr.write(`${line}\n`));
process.exitCode = await runIronWorkerTask(app, {
  argv: process.argv,
  environment: process.env,
  writeOutput: (text) => process.stdout.write(text),
  logger,
});

import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { handleBrokenPipe } from "@holonet/cli-support/broken-pipe";
import { BuildError, buildPackages } from "@holonet/cli-support/build-services";
import { findWorkspaceRoot } from "@holonet/cli-support/workspace-root";
import { FUNCTION_NAMES, FUNCTIONS, type FunctionName, isFunctionName } from "@holonet/infra/app-definition";
import { RuntimeUnavailableError } from "@holonet/lambda-runtime/node-runtimes";
import { type BundleFunction, invocationLog, invokeOnce } from "./invoke-bundle";
import { startInvokeS3 } from "./invoke-s3";
import { CloudNotRunningError } from "./running-cloud";
import { EventFileError, readEventFile, sampleEventFiles } from "./sample-events";
import {
  type SampleRun,
  sampleHeading,
  sampleLogLines,
  sampleResultLine,
  samplesSummary,
} from "./sample-report";
import { serviceFunction } from "./service-function";

const HELP = `Usage:
  pnpm invoke <service> <event.json>          from the repository's root
  pnpm --filter @holonet/<service> invoke <event.json>
  pnpm invoke <service> --all-samples         every sample event of the service (services/<service>/events/)
  pnpm invoke --all-samples                   every sample event of every service

Builds the service (a turbo cache hit when nothing changed), then runs its bundle (dist/handler.mjs) on an
event, in a fresh process, as Lambda's Node.js runtime would: on the Node.js major of the function's
runtime, with a full context, the function's environment, memory and timeout from infra/. Prints the logs
and Lambda's INIT_START/START/END/REPORT lines (with the duration) on stderr and the result on stdout.
Exits 1 when the invocation fails with a function error.

With --all-samples: one heading per event (service, event file, answered or function error, duration, cold
start), the function's log lines under it, the result on one line (a function error as its type and
message), and a last line counting them (N invoked, N answered, N function errors). Exits 0 even when a
sample fails on purpose (a non-Jedi asking for a quote). Exits 2 when the tool itself cannot go on (a usage
error, an unreadable event file, a failed build).

Services: ${FUNCTION_NAMES.join(", ")}

S3: a service that uses a bucket runs against invoke's own local S3 (s3rver, started for the call, its
objects kept in .holonet/invoke-s3/), never against the running local cloud's data unless you ask:
  --cloud            the running local cloud's S3 (pnpm dev): its endpoint from dev.json, the functions' role
                     credentials from credentials.json in its data folder
  --aws              AWS itself (the standard credential chain and region)
  AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) set, as after eval "$(pnpm -s local-env)": that endpoint

Options:
  --stage <name>     the stage whose bucket names and configuration to use (default: dev)
  --data-dir <dir>   with --cloud: the cloud's data folder, as given to pnpm dev (default .holonet/)
  --no-build         run the bundle as it is, without building first
  --all-samples      invoke every file in the events/ folder of the service named, or of every service
  --verbose          with --all-samples, every line as Lambda writes it and whole results; a failed
                     build's whole output
  -h, --help         show this help`;

class UsageError extends Error {}

/** Where the user typed the command: pnpm runs scripts from the package's folder and says where in INIT_CWD. */
const userDir = () => process.env.INIT_CWD ?? process.cwd();
/** A path as the user can paste it where they are: relative below there, else absolute. */
const shown = (file: string) => {
  const relative = path.relative(userDir(), file);
  return relative === "" || relative.startsWith("..") ? file : relative;
};

/** An event path as the user typed it: relative to where they ran pnpm, else to the service's folder. */
function resolveEventPath(root: string, service: FunctionName, file: string): string {
  const candidates = [userDir(), process.cwd(), path.join(root, FUNCTIONS[service].directory)].map((dir) =>
    path.resolve(dir, file),
  );
  return candidates.find((candidate) => existsSync(candidate)) ?? path.resolve(userDir(), file);
}

/** "quote's sample events: ..." with paths the user can paste, and the command as they would type it here. */
function samplesHint(root: string, service: FunctionName, command: string): string {
  const files = sampleEventFiles(root, service).map((file) => `  ${shown(file)}`);
  return `${service}'s sample events:\n${files.join("\n")}\nor all of them: ${command} --all-samples`;
}

/** The service named on the command line, or the one whose package folder we are in. */
function pickService(root: string, positionals: string[]): FunctionName | undefined {
  const [first] = positionals;
  if (first !== undefined && isFunctionName(first)) return first;
  if (positionals.length === 2)
    throw new UsageError(`Unknown service "${first}". Services: ${FUNCTION_NAMES.join(", ")}`);
  const here = path.relative(root, process.cwd());
  return FUNCTION_NAMES.find((name) => FUNCTIONS[name].directory === here);
}

interface Job {
  service: FunctionName;
  event: unknown;
  /** The event file as the user would type it. */
  file: string;
}

function jobsFor(root: string, positionals: string[], allSamples: boolean): Job[] {
  if (positionals.length > 2) throw new UsageError("Give a service and one event file.");
  const service = pickService(root, positionals);
  if (allSamples) {
    const services = service ? [service] : FUNCTION_NAMES;
    return services.flatMap((name) =>
      sampleEventFiles(root, name).map((file) => ({
        service: name,
        event: readEventFile(file, shown(file)),
        file: shown(file),
      })),
    );
  }
  if (!service) {
    const [first] = positionals;
    if (first === undefined)
      throw new UsageError(
        `Name a service and an event file: pnpm invoke <service> <event.json>. Services: ${FUNCTION_NAMES.join(", ")}; pnpm invoke --all-samples runs every sample event.`,
      );
    throw new UsageError(
      `Name the service: pnpm invoke <service> ${first}. Services: ${FUNCTION_NAMES.join(", ")}`,
    );
  }
  // The service is the first word when named, else the folder's: the event is what remains.
  const named = positionals[0] === service;
  const eventFile = named ? positionals[1] : positionals[0];
  const command = named ? `pnpm invoke ${service}` : "pnpm invoke";
  if (eventFile === undefined)
    throw new UsageError(
      `The event file is missing: ${command} <event.json>.\n${samplesHint(root, service, command)}`,
    );
  const file = resolveEventPath(root, service, eventFile);
  if (!existsSync(file))
    throw new UsageError(
      `Cannot read the event ${eventFile}: no such file.\n${samplesHint(root, service, command)}`,
    );
  return [{ service, event: readEventFile(file, shown(file)), file: shown(file) }];
}

async function invokeOne(fn: BundleFunction, event: unknown): Promise<boolean> {
  const outcome = await invokeOnce(fn, event);
  process.stderr.write(invocationLog(fn, outcome));
  process.stdout.write(`${JSON.stringify(outcome.error ?? outcome.payload ?? null, null, 2)}\n`);
  return outcome.error === undefined;
}

async function invokeSamples(root: string, jobs: Job[], stage: string, verbose: boolean): Promise<void> {
  const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
  const runs: SampleRun[] = [];
  for (const job of jobs) {
    const fn = serviceFunction(root, job.service, stage);
    const outcome = await invokeOnce(fn, job.event);
    const run = { service: job.service, file: job.file, outcome };
    runs.push(run);
    process.stdout.write(`${sampleHeading(run, color)}\n`);
    if (verbose) {
      process.stderr.write(invocationLog(fn, outcome));
      process.stdout.write(`${JSON.stringify(outcome.error ?? outcome.payload ?? null, null, 2)}\n`);
    } else {
      const logs = sampleLogLines(outcome, color);
      if (logs.length > 0) process.stderr.write(`${logs.join("\n")}\n`);
      process.stdout.write(`${sampleResultLine(outcome)}\n`);
    }
  }
  process.stdout.write(`${samplesSummary(runs)}\n`);
}

async function main(): Promise<number> {
  handleBrokenPipe();
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    allowNegative: true,
    options: {
      stage: { type: "string", default: "dev" },
      aws: { type: "boolean", default: false },
      cloud: { type: "boolean", default: false },
      "data-dir": { type: "string" },
      build: { type: "boolean", default: true },
      "all-samples": { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.aws && values.cloud) throw new UsageError("--aws and --cloud each choose an S3: give one.");
  if (values["data-dir"] !== undefined && !values.cloud)
    throw new UsageError("--data-dir names the running cloud's folder: it goes with --cloud.");
  const root = findWorkspaceRoot(process.cwd());
  const stage = values.stage;
  const jobs = jobsFor(root, positionals, values["all-samples"]);

  const services = [...new Set(jobs.map((job) => job.service))];
  if (values.build)
    buildPackages(root, ["@holonet/lambda-runtime", ...services.map((s) => FUNCTIONS[s].packageName)], {
      silentFailure: true,
    });
  const s3 = await startInvokeS3({
    root,
    services,
    stage,
    use: values.aws ? "aws" : values.cloud ? "cloud" : "own",
    dataDir: path.resolve(
      userDir(),
      values["data-dir"] ?? process.env.HOLONET_DATA_DIR ?? path.join(root, ".holonet"),
    ),
  });
  if (s3.description) process.stderr.write(`S3: ${s3.description}\n`);
  try {
    if (values["all-samples"]) {
      await invokeSamples(root, jobs, stage, values.verbose);
      // A sample may fail on purpose (a non-Jedi); with --all-samples only the tool's own failures count.
      return 0;
    }
    let failures = 0;
    for (const job of jobs)
      if (!(await invokeOne(serviceFunction(root, job.service, stage), job.event))) failures += 1;
    return failures === 0 ? 0 : 1;
  } finally {
    await s3.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const verbose = process.argv.includes("--verbose");
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`holonet-invoke: ${(error as Error).message}\nRun with --help for usage.`);
    } else if (error instanceof BuildError) {
      console.error(
        `${verbose ? error.output.trimEnd() : error.summary.join("\n")}\nholonet-invoke: ${error.message}`,
      );
    } else if (
      error instanceof EventFileError ||
      error instanceof CloudNotRunningError ||
      error instanceof RuntimeUnavailableError
    ) {
      // Which file or which Node.js build, and why, is the whole story: no stack.
      console.error(`holonet-invoke: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exitCode = 2;
  },
);

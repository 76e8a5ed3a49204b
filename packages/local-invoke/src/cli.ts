import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { FUNCTION_NAMES, FUNCTIONS, type FunctionName, isFunctionName } from "@holonet/infra/app-definition";
import { RuntimeUnavailableError } from "@holonet/lambda-runtime/node-runtimes";
import { loadOrCreateCredentials } from "@holonet/local-auth/local-credentials";
import { localS3Environment, startLocalS3 } from "@holonet/local-s3/local-s3";
import { buildPackages } from "./build-services";
import { type BundleFunction, invocationLog, invokeOnce } from "./invoke-bundle";
import { sampleEvents } from "./sample-events";
import { bucketsUsedBy, serviceFunction } from "./service-function";
import { findWorkspaceRoot } from "./workspace-root";

const HELP = `Usage:
  pnpm invoke <service> <event.json>          from the repository's root
  pnpm --filter @holonet/<service> invoke <event.json>
  pnpm invoke --all-samples                   every sample event of every service

Builds the service (a turbo cache hit when nothing changed), then runs its bundle (dist/handler.mjs) on an event, in a fresh process, as Lambda's Node.js
runtime would: on the Node.js major of the function's runtime, with a full context, the function's
environment, memory and timeout from infra/. Prints the logs and Lambda's INIT_START/START/END/REPORT lines
(with the duration) on stderr and the result on stdout.
Exits 1 when the invocation fails with a function error.

Services: ${FUNCTION_NAMES.join(", ")}

S3: unless AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL is set, or --aws is given, a service that uses a
bucket runs against a local S3 (s3rver) started for the call, keeping its data under .holonet/s3.

Options:
  --stage <name>   the stage whose bucket names and configuration to use (default: dev)
  --no-build       run the bundle as it is, without building first
  --aws            use AWS itself (the standard credential chain and region) instead of a local S3
  --all-samples    invoke every file in every service's events/ folder
  -h, --help       show this help`;

class UsageError extends Error {}

const usesBuckets = (services: FunctionName[]) =>
  services.some((service) => FUNCTIONS[service].uses.length > 0);

function readEvent(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new UsageError(`Cannot read the event ${file}: ${reason}`);
  }
}

/** An event path as the user typed it: relative to where they ran pnpm, else to the service's folder. */
function resolveEventPath(root: string, service: FunctionName, file: string): string {
  const candidates = [process.env.INIT_CWD, process.cwd(), path.join(root, FUNCTIONS[service].directory)]
    .filter((dir): dir is string => dir !== undefined)
    .map((dir) => path.resolve(dir, file));
  return candidates.find((candidate) => existsSync(candidate)) ?? path.resolve(file);
}

/** The service named on the command line, or the one whose package folder we are in. */
function pickService(root: string, positionals: string[]): { service: FunctionName; eventFile: string } {
  if (positionals.length === 2) {
    const [name = "", eventFile = ""] = positionals;
    if (!isFunctionName(name))
      throw new UsageError(`Unknown service "${name}". Services: ${FUNCTION_NAMES.join(", ")}`);
    return { service: name, eventFile };
  }
  if (positionals.length !== 1) throw new UsageError("Give a service and an event file.");
  const here = path.relative(root, process.cwd());
  const service = FUNCTION_NAMES.find((name) => FUNCTIONS[name].directory === here);
  if (!service) throw new UsageError("Name the service: pnpm invoke <service> <event.json>");
  return { service, eventFile: positionals[0] ?? "" };
}

async function invokeAndPrint(fn: BundleFunction, event: unknown): Promise<boolean> {
  const outcome = await invokeOnce(fn, event);
  process.stderr.write(invocationLog(fn, outcome));
  process.stdout.write(`${JSON.stringify(outcome.error ?? outcome.payload ?? null, null, 2)}\n`);
  return outcome.error === undefined;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    allowNegative: true,
    options: {
      stage: { type: "string", default: "dev" },
      aws: { type: "boolean", default: false },
      build: { type: "boolean", default: true },
      "all-samples": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const root = findWorkspaceRoot(process.cwd());
  const stage = values.stage;
  const jobs: { service: FunctionName; event: unknown; label: string }[] = values["all-samples"]
    ? FUNCTION_NAMES.flatMap((service) =>
        sampleEvents(root, service).map(({ file, event }) => ({
          service,
          event,
          label: `${service} · events/${file}`,
        })),
      )
    : (() => {
        const { service, eventFile } = pickService(root, positionals);
        const file = resolveEventPath(root, service, eventFile);
        return [{ service, event: readEvent(file), label: `${service} · ${path.relative(root, file)}` }];
      })();

  const services = [...new Set(jobs.map((job) => job.service))];
  if (values.build)
    buildPackages(root, ["@holonet/lambda-runtime", ...services.map((s) => FUNCTIONS[s].packageName)]);
  const endpointSet = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  const dataDir = path.join(root, ".holonet");
  const s3 =
    usesBuckets(services) && !endpointSet && !values.aws
      ? await startLocalS3({
          directory: path.join(dataDir, "s3"),
          buckets: bucketsUsedBy(services, stage),
          credentials: loadOrCreateCredentials(dataDir),
        })
      : undefined;
  // The function runs with the role's credentials, as on Lambda.
  if (s3) Object.assign(process.env, localS3Environment(s3.endpoint, s3.credentials.functionRole));
  try {
    let failures = 0;
    for (const job of jobs) {
      if (jobs.length > 1) process.stderr.write(`\n── ${job.label}\n`);
      const ok = await invokeAndPrint(serviceFunction(root, job.service, stage), job.event);
      if (!ok) failures += 1;
    }
    // A sample may fail on purpose (a non-Jedi); with --all-samples only the tool's own failures count.
    return values["all-samples"] || failures === 0 ? 0 : 1;
  } finally {
    await s3?.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
    ) {
      console.error(`holonet-invoke: ${(error as Error).message}\nRun with --help for usage.`);
      process.exitCode = 2;
    } else if (error instanceof RuntimeUnavailableError) {
      // Which Node.js build is missing, and why, is the whole story: no stack.
      console.error(`holonet-invoke: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(error);
      process.exitCode = 2;
    }
  },
);

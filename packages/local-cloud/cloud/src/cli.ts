import { rmSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { handleBrokenPipe } from "@holonet/cli-support/broken-pipe";
import { BuildError } from "@holonet/cli-support/build-services";
import { findWorkspaceRoot } from "@holonet/cli-support/workspace-root";
import { FUNCTION_NAMES, FUNCTIONS, isFunctionName } from "@holonet/infra/app-definition";
import { credentialsPath } from "@holonet/local-auth/local-credentials";
import { cloudLockPath, DataDirInUseError, runningCloud } from "./cloud-lock";
import { devConfigPath } from "./dev-config";
import { describeDataDirInUse, shownPath, UsageError } from "./dev-messages";
import { portVariable } from "./endpoint-ports";
import { type FunctionBuilds, functionBuilds } from "./function-builds";
import { watchSources } from "./hot-reload";
import { DEFAULT_PORTS, type Endpoint, startLocalCloud } from "./local-cloud";
import { buildDevSite, buildPages } from "./page-builds";
import {
  describePortUnavailable,
  firstUnavailablePort,
  PortUnavailableError,
  portHolder,
} from "./port-in-use";
import { siteDirectory } from "./site-directory";

const HELP = `Usage: pnpm dev [options]

Builds what changed, then runs the whole system on this machine, every stage (dev, ci, prod) as after
deploy:stack: S3 (each stage's data and web buckets), the Lambda runtime and its REST API, each stage's
HTTP API and website, and CloudFormation's API for the stage stacks. pnpm dev publishes the functions and
the site to dev only; ci and prod serve what deploys put there. Prints the endpoints
and writes them to dev.json in the data folder (.holonet/ unless --data-dir) while it runs. One cloud per
data folder: a second is refused, naming the first. Saving a service's source publishes it as a new version
in about a second. Data persists in that folder across restarts. Each API request is one line, the
function's log lines under it. Type "cost" and Enter for the cost so far; Ctrl-C stops everything and
prints it.

Options:
  --reset              start empty: forget the saved quotes and published versions
  --data-dir <dir>     where state and dev.json live (default .holonet/ at the root, or HOLONET_DATA_DIR)
  --inspect <service>  open the Node inspector on that function's instances (source maps on)
  --inspect-port <n>   the inspector's port (default 9229)
  --api-port <n>       HTTP API port (default 4560, or HOLONET_API_PORT)
  --lambda-port <n>    Lambda API port (default 4561, or HOLONET_LAMBDA_PORT)
  --s3-port <n>        S3 port (default 4562, or HOLONET_S3_PORT)
  --web-port <n>       website port (default 4563, or HOLONET_WEB_PORT)
  --logs-port <n>      CloudWatch Logs API port (default 4565, or HOLONET_LOGS_PORT)
  --cloudformation-port <n>  the stage stacks, for the deploy scripts (default 4564, or HOLONET_CLOUDFORMATION_PORT)
  --dashboard-port <n> the dashboard's port (default 4566, or HOLONET_DASHBOARD_PORT)
  --ci-api-port <n>    ci's HTTP API port (default 4567, or HOLONET_CI_API_PORT)
  --ci-web-port <n>    ci's website port (default 4568, or HOLONET_CI_WEB_PORT)
  --prod-api-port <n>  prod's HTTP API port (default 4569, or HOLONET_PROD_API_PORT)
  --prod-web-port <n>  prod's website port (default 4570, or HOLONET_PROD_WEB_PORT)
                       A port of 0 is any free one.
  --verbose            every line as Lambda and the API write them (START/END/REPORT, raw JSON and metrics
                       lines), and a failed build's whole output
  --no-build           start from the bundles as they are
  --no-watch           do not publish changes as they are saved
  -h, --help           show this help`;

function portOption(value: string | undefined, name: Endpoint): number | undefined {
  const text = value ?? process.env[portVariable(name)];
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`The ${name} port must be 0-65535, not "${text}".`);
  return port;
}

/** Two endpoints on one port: the second could only fail, and be named wrongly as taken by another program. */
function checkDistinct(ports: Record<Endpoint, number>): void {
  const seen = new Map<number, Endpoint>();
  for (const [name, port] of Object.entries(ports) as [Endpoint, number][]) {
    const other = seen.get(port);
    if (port !== 0 && other) throw new UsageError(`--${other}-port and --${name}-port are both ${port}.`);
    seen.set(port, name);
  }
}

/** A failed build, told briefly (the error and its place) unless --verbose. */
function buildFailure(error: unknown, verbose: boolean): string {
  if (!(error instanceof BuildError)) return (error as Error).message;
  return verbose ? `${error.output.trimEnd()}\n${error.message}` : error.summary.join("\n");
}

async function main(): Promise<void> {
  // Nobody reads the output any more (`| head`, a closed terminal's pipe): stop as cleanly as on Ctrl-C,
  // once the cloud is up if it is not yet.
  let stop: ((why: string) => Promise<void>) | undefined;
  let outputClosed = false;
  for (const stream of [process.stdout, process.stderr])
    handleBrokenPipe(stream, () => {
      outputClosed = true;
      void stop?.("output closed");
    });
  // These machines run Node 20, on which the SDK warns of its future releases; Lambda runs Node 22.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { values } = parseArgs({
    allowNegative: true,
    options: {
      reset: { type: "boolean", default: false },
      "data-dir": { type: "string" },
      inspect: { type: "string" },
      "inspect-port": { type: "string", default: "9229" },
      "api-port": { type: "string" },
      "lambda-port": { type: "string" },
      "s3-port": { type: "string" },
      "web-port": { type: "string" },
      "logs-port": { type: "string" },
      "cloudformation-port": { type: "string" },
      "dashboard-port": { type: "string" },
      "ci-api-port": { type: "string" },
      "ci-web-port": { type: "string" },
      "prod-api-port": { type: "string" },
      "prod-web-port": { type: "string" },
      verbose: { type: "boolean", default: false },
      build: { type: "boolean", default: true },
      watch: { type: "boolean", default: true },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (values.inspect !== undefined && !isFunctionName(values.inspect)) {
    throw new UsageError(`--inspect takes a service: ${FUNCTION_NAMES.join(", ")}.`);
  }
  const inspectPort = Number(values["inspect-port"]);
  if (!Number.isInteger(inspectPort) || inspectPort < 1 || inspectPort > 65535)
    throw new UsageError("--inspect-port must be 1-65535.");
  const ports = Object.fromEntries(
    (Object.keys(DEFAULT_PORTS) as Endpoint[]).flatMap((name) => {
      const port = portOption(values[`${name}-port`], name);
      return port === undefined ? [] : [[name, port]];
    }),
  );
  const allPorts = { ...DEFAULT_PORTS, ...ports };
  checkDistinct(allPorts);
  const verbose = values.verbose;

  const root = findWorkspaceRoot(process.cwd());
  const dataDir = path.resolve(
    values["data-dir"] ?? process.env.HOLONET_DATA_DIR ?? path.join(root, ".holonet"),
  );
  // Refused at once, before a build: a cloud already on this folder, or a port already taken.
  const holder = runningCloud(dataDir);
  if (holder) throw new DataDirInUseError(dataDir, holder);
  const unavailable = await firstUnavailablePort(allPorts);
  if (unavailable) throw unavailable;

  // How local-env finds this cloud again, when it is not the default one.
  const dataDirOption = values["data-dir"] ? ` --data-dir ${values["data-dir"]}` : "";
  const started = performance.now();
  // Everything the cloud serves is built in this process with esbuild, as the packages' own builds make
  // it: the functions and the runner by contexts kept for the saves to come (unchanged ones are not built
  // again), the dashboard's page and the site whole. Typechecking is pnpm build's and pnpm test's, not the
  // start's (docs/decisions/0014, 0016).
  if (values.build)
    process.stderr.write(
      `Building ${FUNCTION_NAMES.join(", ")}, the function runner, the dashboard's page and the website (esbuild, in this process)…\n`,
    );
  let builds: FunctionBuilds | undefined;
  if (values.build || values.watch) {
    const [pages, functions] = await Promise.allSettled([
      values.build ? buildPages(root, { verbose }) : undefined,
      functionBuilds(root).then(async (created) => {
        builds = created;
        if (values.build) await created.buildAll();
      }),
    ]);
    const failures = [pages, functions].flatMap((outcome) =>
      outcome.status === "rejected" ? [outcome.reason] : [],
    );
    if (failures.length > 0) {
      for (const failure of failures) console.error(buildFailure(failure, verbose));
      await builds?.dispose();
      throw new StartFailure("the build failed; fix it and start again.");
    }
    if (values.build) process.stderr.write(`Built in ${Math.round(performance.now() - started)} ms.\n`);
    // Without a watch, nothing will build again: the contexts' esbuild process is not needed.
    if (!values.watch) {
      await builds?.dispose();
      builds = undefined;
    }
  }

  const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
  const cloud = await startLocalCloud({
    root,
    dataDir,
    ports,
    reset: values.reset,
    ...(values.inspect &&
      isFunctionName(values.inspect) && { inspect: { service: values.inspect, port: inspectPort } }),
    log: (line) => console.log(line),
    ...(!verbose && { terminal: { color } }),
  });
  // If this process dies before the clean stop (an uncaught error), dev.json must not outlive it.
  process.on("exit", () => {
    if (runningCloud(dataDir)?.pid !== process.pid) return;
    rmSync(devConfigPath(dataDir), { force: true });
    rmSync(cloudLockPath(dataDir), { force: true });
  });
  const rows = [
    ["website", cloud.web, "dev's, which pnpm dev publishes"],
    ["dashboard", cloud.dashboard, "metrics, invocations with logs and traces, versions, buckets, cost"],
    ["HTTP API", cloud.api, `e.g. curl '${cloud.api}/quote?isJedi=true'`],
    [
      "Lambda API",
      cloud.lambda,
      `signed requests only: eval "$(pnpm -s local-env${dataDirOption})" sets up the SDK`,
    ],
    ["S3", cloud.s3, `signed requests only, with the keys in ${shownPath(credentialsPath(dataDir))}`],
    ["Logs", cloud.logs, "pnpm logs <service> [--follow]"],
    ...(["ci", "prod"] as const).flatMap((stage) => [
      [`${stage} API`, cloud.stages[stage].api, `${stage}'s alias: answers 500 until deployed to ${stage}`],
      [
        `${stage} website`,
        cloud.stages[stage].web,
        `${stage}'s web bucket: empty until deployed to ${stage}`,
      ],
    ]),
    ["endpoints", shownPath(devConfigPath(dataDir)), "as JSON"],
    ...(values.inspect
      ? [["debugger", `127.0.0.1:${inspectPort}`, `${values.inspect}'s instances (chrome://inspect)`]]
      : []),
  ];
  console.log(`
Holonet local cloud is up in ${((performance.now() - started) / 1000).toFixed(1)} s:
${rows.map(([name = "", url = "", note = ""]) => `  ${name.padEnd(12)} ${url.padEnd(26)} ${note}`.trimEnd()).join("\n")}
ci and prod are filled by pnpm run deploy <service> --stage ci|prod (and web), after eval "$(pnpm -s local-env${dataDirOption})".
Ctrl-C to stop; "cost" + Enter for the cost so far.`);

  const watcher = builds
    ? watchSources(
        {
          ...Object.fromEntries(
            FUNCTION_NAMES.map((name) => [name, path.join(root, FUNCTIONS[name].directory, "src")]),
          ),
          web: path.join(siteDirectory(root), "src"),
        },
        async (name) => {
          const began = performance.now();
          try {
            if (name === "web") {
              await buildDevSite(root, { verbose });
              await cloud.publishSite();
              console.log(`web: published in ${Math.round(performance.now() - began)} ms`);
            } else if (isFunctionName(name)) {
              await builds?.build(name);
              const outcome = await cloud.publishService(name);
              console.log(
                `${name}: ${outcome.changed ? `version ${outcome.version} now serves` : `unchanged; still version ${outcome.version} on`} ${cloud.functions[name]?.alias} (${Math.round(performance.now() - began)} ms)`,
              );
            }
          } catch (error) {
            const published = name === "web" ? "the site still serves" : "the version before still serves";
            console.error(`${name}: not published (${published}):\n${indent(buildFailure(error, verbose))}`);
          }
        },
      )
    : undefined;

  const input = process.stdin.isTTY ? createInterface({ input: process.stdin }) : undefined;
  input?.on("line", (line) => {
    if (line.trim() === "cost") console.log(cloud.costSummary().join("\n"));
  });
  process.on("SIGUSR2", () => console.log(cloud.costSummary().join("\n")));

  let stopping = false;
  stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why}: stopping the local cloud…`);
    watcher?.close();
    input?.close();
    await builds?.dispose();
    console.log(cloud.costSummary().join("\n"));
    await cloud.close();
    console.log(`Stopped. Data kept in ${shownPath(dataDir)}/ (pnpm dev --reset starts empty).`);
    // A stop asked for is a success: 0, so that pnpm reports no failure after Ctrl-C.
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => void stop?.(signal));
  if (outputClosed) await stop("output closed");
}

const indent = (text: string) =>
  text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");

/** A start that cannot go on, already explained above: only this last line to add. */
class StartFailure extends Error {}

main().catch((error: unknown) => {
  const say = (message: string, code: number) => {
    console.error(`holonet-dev: ${message}`);
    process.exit(code);
  };
  if (error instanceof DataDirInUseError) return say(describeDataDirInUse(error, process.cwd()), 1);
  if (error instanceof PortUnavailableError)
    return say(describePortUnavailable(error, portHolder(error.port)), 1);
  if (error instanceof StartFailure) return say(error.message, 1);
  const usage =
    error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  if (usage) return say(`${(error as Error).message}\nRun with --help for usage.`, 2);
  console.error(error);
  process.exit(1);
});

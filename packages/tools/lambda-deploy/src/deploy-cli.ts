import path from "node:path";
import { parseArgs } from "node:util";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import { buildIfChanged, LambdaBuildError } from "@holonet/bundle-config/lambda-context";
import { BuildError, buildPackages } from "@holonet/cli-support/build-services";
import { findWorkspaceRoot } from "@holonet/cli-support/workspace-root";
import {
  bucketName,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionName,
  functionName,
  isFunctionName,
  STAGES,
  type Stage,
  stageAlias,
} from "@holonet/infra/app-definition";
import { isStage, stackName } from "@holonet/infra/stack-names";
import { syncSite } from "@holonet/static-site/sync-site";
import { codeSha256, zipDirectory } from "./bundle-zip";
import { HELP } from "./cli-help";
import { kb, say } from "./cli-output";
import { deployFunction } from "./deploy-function";
import { destroyCommand } from "./destroy-command";
import { explainUnreachable } from "./endpoint-errors";
import { showHistory } from "./history-command";
import { promoteCommand } from "./promote-command";
import { planFunction } from "./publish-function";
import { describeStep } from "./publish-plan";
import { releaseSummary } from "./release-summary";
import { rollbackAlias } from "./rollback";
import { readSmokeEvent } from "./smoke-test";
import { stackFunctionSpec } from "./stack-function-spec";
import { cloudFormationClient, readStackOutputs } from "./stack-outputs";
import { UsageError } from "./usage-error";

const TARGETS = [...FUNCTION_NAMES, "web"] as const;

function pickTarget(
  root: string,
  positionals: string[],
  usage = "pnpm run deploy <service> --stage <stage>",
): (typeof TARGETS)[number] {
  const [name] = positionals;
  if (name !== undefined) {
    if (!(TARGETS as readonly string[]).includes(name)) {
      throw new UsageError(`Unknown service "${name}". Services: ${TARGETS.join(", ")}`);
    }
    return name as (typeof TARGETS)[number];
  }
  const here = path.relative(root, process.cwd());
  if (here === path.join("services", "web")) return "web";
  const service = FUNCTION_NAMES.find((fn) => FUNCTIONS[fn].directory === here);
  if (!service) throw new UsageError(`Name the service: ${usage}`);
  return service;
}

async function deployService(
  root: string,
  service: FunctionName,
  stage: Stage,
  dryRun: boolean,
): Promise<number> {
  const started = performance.now();
  const alias = stageAlias(stage);
  const definition = FUNCTIONS[service];
  const zip = zipDirectory(path.join(root, definition.directory, "dist"));
  say(`zipped ${definition.directory}/dist: ${kb(zip.length)}, CodeSha256 ${codeSha256(zip)}`);
  const spec = stackFunctionSpec(
    service,
    stage,
    await readStackOutputs(cloudFormationClient(), stackName(stage)),
  );
  const lambda = new LambdaClient({});
  try {
    if (dryRun) {
      const { steps } = await planFunction(lambda, spec, zip, alias);
      console.log(
        steps.length
          ? "Plan (nothing is changed):"
          : `Plan: nothing to publish; ${spec.name}:${alias} already serves this.`,
      );
      for (const step of steps) say(describeStep(step, spec, alias));
      return 0;
    }
    const outcome = await deployFunction(lambda, spec, zip, {
      alias,
      smokeEvent: readSmokeEvent(root, service),
      onStep: say,
    });
    console.log(
      releaseSummary("deploy", spec.name, alias, outcome, { seconds: (performance.now() - started) / 1000 }),
    );
    return outcome.rolledBack ? 1 : 0;
  } finally {
    lambda.destroy();
  }
}

async function deployWeb(root: string, stage: Stage, dryRun: boolean): Promise<number> {
  const outputs = await readStackOutputs(cloudFormationClient(), stackName(stage));
  const bucket = outputs.WebBucketName ?? bucketName("web", stage);
  const apiUrl = outputs.ApiUrl;
  if (!apiUrl) throw new Error(`The stack ${stackName(stage)} has no output ApiUrl: deploy the stack again.`);
  if (dryRun) {
    console.log(
      `Plan (nothing is changed): sync services/web/dist to s3://${bucket}, config.json apiUrl ${apiUrl}`,
    );
    return 0;
  }
  const client = new S3Client({});
  try {
    const summary = await syncSite({
      client,
      bucket,
      siteDir: path.join(root, "services", "web", "dist"),
      config: { apiUrl },
      onProgress: say,
    });
    console.log(
      `\nDeployed web to s3://${bucket}: ${summary.uploaded.length} uploaded, ${summary.unchanged.length} unchanged, ${summary.deleted.length} deleted.\n  ${outputs.WebsiteUrl ?? ""}`,
    );
    return 0;
  } finally {
    client.destroy();
  }
}

const stageOf = (value: string | undefined, flag: string): Stage => {
  if (!value || !isStage(value))
    throw new UsageError(`Give the stage: --${flag} ${STAGES.join(" | ")} (the stages infra/ defines).`);
  return value;
};

/** A subcommand that takes a function, not web. */
function functionTarget(root: string, command: string, positionals: string[]): FunctionName {
  const flags = command === "promote" ? "--from <stage> --to <stage>" : "--stage <stage>";
  const target = pickTarget(root, positionals, `pnpm run ${command} <service> ${flags}`);
  if (!isFunctionName(target))
    throw new UsageError(`${command} takes a function: ${FUNCTION_NAMES.join(", ")}.`);
  return target;
}

async function rollback(service: FunctionName, stage: Stage): Promise<number> {
  const lambda = new LambdaClient({});
  try {
    const { from, to } = await rollbackAlias(lambda, functionName(service), stageAlias(stage));
    console.log(`Rolled back ${functionName(service)}:${stageAlias(stage)} from version ${from} to ${to}.`);
    return 0;
  } finally {
    lambda.destroy();
  }
}

async function promote(
  root: string,
  positionals: string[],
  values: { from?: string | undefined; to?: string | undefined; "dry-run": boolean },
): Promise<number> {
  const service = functionTarget(root, "promote", positionals);
  const from = stageOf(values.from, "from");
  const to = stageOf(values.to, "to");
  if (from === to)
    throw new UsageError(`--from and --to are both ${from}: promote moves code between two stages.`);
  console.log(
    `${values["dry-run"] ? "Planning the promotion of" : "Promoting"} ${service} from ${from} to ${to}`,
  );
  return promoteCommand(root, service, { from, to }, values["dry-run"]);
}

async function main(): Promise<number> {
  // These machines run Node 20, on which the SDK warns of its future releases; Lambda runs Node 22.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    allowNegative: true,
    options: {
      stage: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      build: { type: "boolean", default: true },
      yes: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      "delete-data": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === "promote") return promote(findWorkspaceRoot(process.cwd()), rest, values);
  const stage = stageOf(values.stage, "stage");
  if (command === "destroy")
    return destroyCommand(stage, { yes: values.yes, force: values.force, deleteData: values["delete-data"] });
  const root = findWorkspaceRoot(process.cwd());
  if (command === "history")
    return showHistory(functionName(functionTarget(root, command, rest)), stageAlias(stage));
  if (command === "rollback") return rollback(functionTarget(root, command, rest), stage);

  const target = pickTarget(root, positionals);
  console.log(`${values["dry-run"] ? "Planning" : "Deploying"} ${target} to stage ${stage}`);
  if (values.build) {
    if (target === "web") buildPackages(root, ["@holonet/web"]);
    else await buildService(root, target);
  }
  return target === "web"
    ? deployWeb(root, stage, values["dry-run"])
    : deployService(root, target, stage, values["dry-run"]);
}

/**
 * The service's bundle as pnpm build makes it (the same bytes: bundle-config's tests compare them with
 * tsup's), built in this process, and only when its files changed since the bundle was made: no turbo and
 * no tsup process to start (docs/decisions/0016).
 */
async function buildService(root: string, service: FunctionName): Promise<void> {
  const { packageName, directory } = FUNCTIONS[service];
  const started = performance.now();
  process.stderr.write(`Building ${packageName} (esbuild; not again when its files are unchanged)…\n`);
  try {
    const built = await buildIfChanged(path.join(root, directory), { root });
    process.stderr.write(
      built
        ? `Built in ${Math.round(performance.now() - started)} ms.\n`
        : "Unchanged since its last build.\n",
    );
  } catch (error) {
    if (!(error instanceof LambdaBuildError)) throw error;
    process.stderr.write(`${error.lines.join("\n")}\n`);
    throw new BuildError(error.lines, error.message, `esbuild failed on ${packageName}`);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    const unreachable = usage ? undefined : explainUnreachable(error);
    console.error(
      usage
        ? `holonet-deploy: ${(error as Error).message}\nRun with --help for usage.`
        : `holonet-deploy: ${(error as Error).message}${unreachable ? `\n${unreachable}` : ""}`,
    );
    process.exitCode = usage ? 2 : 1;
  },
);

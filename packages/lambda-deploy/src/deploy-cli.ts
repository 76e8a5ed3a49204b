import { readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
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
import { buildPackages } from "@holonet/local-invoke/build-services";
import { findWorkspaceRoot } from "@holonet/local-invoke/workspace-root";
import { syncSite } from "@holonet/static-site/sync-site";
import { codeSha256, zipDirectory } from "./bundle-zip";
import { deployFunction } from "./deploy-function";
import { describePlan, destroyStage, planDestroy, planIsEmpty } from "./destroy-stage";
import { explainUnreachable } from "./endpoint-errors";
import { planFunction } from "./publish-function";
import { describeStep } from "./publish-plan";
import { type HistoryEntry, releaseHistory, rollbackAlias } from "./rollback";
import { stackFunctionSpec } from "./stack-function-spec";
import { cloudFormationClient, readStackOutputs, stackStatus } from "./stack-outputs";

const TARGETS = [...FUNCTION_NAMES, "web"] as const;

const HELP = `Usage:
  pnpm run deploy <service> --stage <stage> [--dry-run]      from the repository's root
  pnpm --filter @holonet/<service> run deploy --stage <stage> [--dry-run]
  pnpm run rollback <service> --stage <stage>
  pnpm --filter @holonet/<service> run rollback --stage <stage>
  pnpm run history <service> --stage <stage>
  pnpm run destroy --stage <stage> [--yes] [--force]

Deploys one service on its own. For a function (${FUNCTION_NAMES.join(", ")}): builds it through turbo,
zips the bundle reproducibly (the same code, the same CodeSha256), creates or updates the function with the
configuration from infra/, waits for Lambda, publishes a version, moves the stage's alias to it, and
smoke-invokes the alias with the service's sample event, moving the alias back if that fails. Nothing
changed: nothing is published. For web: builds the site and syncs it to the stage's web bucket, with a
config.json holding the stage's API URL.

rollback moves the stage's alias back to the version that served the stage before, as the alias's own
history records it (docs/decisions/0010-release-model.md): only a version a deploy made for that stage and
made live after a passed smoke test; never one of another stage, one whose smoke test failed, or one that
pnpm dev published. history shows that record: the version the alias serves and those before it.

destroy removes what a stage made, after showing it: the stage's aliases (the versions stay, other stages
use the same functions), the objects in its buckets, and its stack (the data bucket is kept, empty). It
asks you to type the stage's name, or takes --yes; it refuses prod without --force.

AWS: the standard credential chain and region. The local cloud: the same, with the endpoints pointed at it:
  eval "$(pnpm -s local-env)"    (AWS_ENDPOINT_URL_LAMBDA, _S3, _CLOUDFORMATION from .holonet/dev.json)
The stage's stack (pnpm --filter @holonet/infra run deploy --stage <stage>; locally pnpm dev) gives the roles,
buckets and the API URL.

Options:
  --stage <name>   the stage: dev, ci, prod, ... (required)
  --dry-run        print the plan and change nothing
  --no-build       deploy the bundle as it is
  --yes            destroy without asking
  --force          allow destroying prod
  -h, --help       show this help`;

class UsageError extends Error {}

const say = (line: string) => console.log(`  ${line}`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function pickTarget(root: string, positionals: string[]): (typeof TARGETS)[number] {
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
  if (!service) throw new UsageError("Name the service: pnpm run deploy <service> --stage <stage>");
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
    const smokeEvent = JSON.parse(
      readFileSync(path.join(root, definition.directory, definition.smokeEvent), "utf8"),
    );
    const outcome = await deployFunction(lambda, spec, zip, { alias, smokeEvent, onStep: say });
    const failed = outcome.previousVersion
      ? "Deploy failed, alias restored"
      : "Deploy failed, new alias removed";
    console.log(`
${outcome.rolledBack ? failed : outcome.changed ? "Deployed" : "No change"}: ${spec.name}
  version   ${outcome.version}${outcome.previousVersion && outcome.changed ? ` (was ${outcome.previousVersion})` : ""}
  alias     ${alias}${outcome.rolledBack ? ` (back on ${outcome.previousVersion ?? "nothing: removed"})` : ""}
  code      ${kb(outcome.codeSize)}, CodeSha256 ${outcome.codeSha256}
  took      ${((performance.now() - started) / 1000).toFixed(1)} s`);
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

async function showHistory(name: string, alias: string): Promise<number> {
  const lambda = new LambdaClient({});
  try {
    const { current, entries } = await releaseHistory(lambda, name, alias);
    const line = (entry: HistoryEntry) =>
      `version ${entry.version.padEnd(5)} ${entry.codeSha256?.slice(0, 12) ?? "?"}…  ${entry.lastModified ?? ""}  ${
        entry.stage
          ? `made for ${entry.stage} by ${entry.origin === "deploy" ? "a deploy" : entry.origin}`
          : "no release record"
      }`;
    console.log(`${name}:${alias} serves`);
    say(line(current));
    console.log(
      entries.length
        ? "served before it, after a passed smoke test (newest first):"
        : "no earlier release is recorded.",
    );
    for (const entry of entries.filter((each) => each.version !== current.version)) say(line(entry));
    return 0;
  } finally {
    lambda.destroy();
  }
}

async function confirmed(stage: Stage, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY)
    throw new UsageError("Nothing asked, nothing destroyed: add --yes to destroy without a terminal.");
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question(`Type the stage's name (${stage}) to destroy it: `);
  prompt.close();
  return answer.trim() === stage;
}

async function destroy(stage: Stage, options: { yes: boolean; force: boolean }): Promise<number> {
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
        buckets: [bucketName("data", stage), bucketName("web", stage)],
        ...(stack && { stack }),
      });
    })().catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\nNothing was destroyed.`, { cause: error });
    });
    const lines = describePlan(plan);
    console.log(`Destroying stage ${stage} removes:`);
    for (const line of lines) say(line);
    if (planIsEmpty(plan)) {
      console.log("Nothing to remove.");
      return 0;
    }
    if (!(await confirmed(stage, options.yes))) {
      console.log("Not confirmed: nothing destroyed.");
      return 1;
    }
    await destroyStage(clients, plan, say);
    console.log(`Stage ${stage} destroyed.`);
    return 0;
  } finally {
    clients.lambda.destroy();
    clients.s3.destroy();
    clients.cloudFormation.destroy();
  }
}

async function main(): Promise<number> {
  // These machines run Node 20, on which the SDK warns of its future releases; Lambda runs Node 22.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    allowNegative: true,
    options: {
      stage: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      build: { type: "boolean", default: true },
      yes: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const rollback = positionals[0] === "rollback";
  const history = positionals[0] === "history";
  const stage = values.stage;
  if (!stage || !isStage(stage)) {
    throw new UsageError(`Give the stage: --stage ${STAGES.join(" | ")} (the stages infra/ defines).`);
  }
  if (positionals[0] === "destroy") return destroy(stage, values);
  const root = findWorkspaceRoot(process.cwd());
  const target = pickTarget(root, rollback || history ? positionals.slice(1) : positionals);
  if (history) {
    if (!isFunctionName(target))
      throw new UsageError("history takes a function: quote, store-save or store-get.");
    return showHistory(functionName(target), stageAlias(stage));
  }

  if (rollback) {
    if (!isFunctionName(target))
      throw new UsageError("rollback takes a function: quote, store-save or store-get.");
    const lambda = new LambdaClient({});
    try {
      const { from, to } = await rollbackAlias(lambda, functionName(target), stageAlias(stage));
      console.log(`Rolled back ${functionName(target)}:${stageAlias(stage)} from version ${from} to ${to}.`);
      return 0;
    } finally {
      lambda.destroy();
    }
  }

  console.log(`${values["dry-run"] ? "Planning" : "Deploying"} ${target} to stage ${stage}`);
  if (values.build) buildPackages(root, [target === "web" ? "@holonet/web" : FUNCTIONS[target].packageName]);
  return target === "web"
    ? deployWeb(root, stage, values["dry-run"])
    : deployService(root, target, stage, values["dry-run"]);
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

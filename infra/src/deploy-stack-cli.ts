import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { STAGES } from "./app-definition";
import { DeployError } from "./deploy-decisions";
import { deployStack } from "./stack-deploy";
import { readStageArguments } from "./stage-arguments";

const USAGE = `Usage: pnpm --filter @holonet/infra run deploy --stage <${STAGES.join("|")}> [--dry-run]

Creates or updates the stage's CloudFormation stack (holonet-<stage>): the data and web buckets, one IAM
role per function, the role API Gateway invokes the functions' aliases with, and the HTTP API. It never
creates or changes a Lambda function: each service's deploy script does that, after this.

It synthesizes the template (as pnpm synth does), creates a change set, prints the planned changes, runs
it, shows the stack's events until it settles and prints the outputs. A change set with nothing in it
means the stack is up to date: it says so and exits 0.

  --stage <stage>   the stage to deploy
  --dry-run         print the planned changes, then delete the change set; nothing changes
  -h, --help        this text

A stage destroyed earlier left its data bucket (DeletionPolicy Retain): the change set imports it, saved
quotes and all (CloudFormation's ImportExistingResources), instead of failing on a name that is taken.

AWS credentials and region come from the usual places (AWS_PROFILE, AWS_REGION, ~/.aws/...); the stack
needs CAPABILITY_NAMED_IAM. Against the local cloud: eval "$(pnpm -s local-env)" while pnpm dev runs, which
points AWS_ENDPOINT_URL_CLOUDFORMATION at it. This has been run against the local cloud's CloudFormation
(for every stage), never against AWS from here.`;

async function main(): Promise<number> {
  // On Node 20 the SDK warns, at every client, of its future releases: noise for a person deploying.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const parsed = readStageArguments(process.argv.slice(2), USAGE, { dryRun: true });
  if ("exitCode" in parsed) return parsed.exitCode;
  try {
    await deployStack({
      client: new CloudFormationClient({}),
      stage: parsed.stage,
      dryRun: parsed.dryRun,
      log: (line) => console.log(line),
    });
    return 0;
  } catch (error) {
    const e = error as Error;
    // The user's own problem (a busy or failed stack, no credentials, no region) in one line, not a trace.
    if (e instanceof DeployError) console.error(e.message);
    else if (/Region is missing/.test(e.message))
      console.error("No AWS region: set AWS_REGION (or a profile's region).");
    else console.error(`Deploy failed: ${e.name}: ${e.message}`);
    return 1;
  }
}

process.exitCode = await main();

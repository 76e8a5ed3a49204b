import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { STAGES } from "./app-definition";
import { renderTemplate, templatePath } from "./cloudformation-template";
import { stackName } from "./stack-names";
import { readStageArguments } from "./stage-arguments";

const USAGE = `Usage: pnpm synth --stage <${STAGES.join("|")}>

Writes the stage's CloudFormation template to infra/dist/<stage>.template.json, from
infra/src/app-definition.ts. The same definition always gives the same bytes.
Deploy it with: pnpm --filter @holonet/infra run deploy --stage <stage>`;

function main(): number {
  const parsed = readStageArguments(process.argv.slice(2), USAGE, { dryRun: false });
  if ("exitCode" in parsed) return parsed.exitCode;
  const file = templatePath(parsed.stage);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, renderTemplate(parsed.stage));
  console.log(`${stackName(parsed.stage)}: wrote ${path.relative(process.cwd(), file) || file}`);
  return 0;
}

process.exitCode = main();

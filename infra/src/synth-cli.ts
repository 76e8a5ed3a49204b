import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { STAGES } from "./app-definition";
import { renderTemplate, templatePath } from "./cloudformation-template";
import { isStage, stackName } from "./stack-names";

const USAGE = `Usage: pnpm synth --stage <${STAGES.join("|")}>

Writes the stage's CloudFormation template to infra/dist/<stage>.template.json, from
infra/src/app-definition.ts. The same definition always gives the same bytes.
Deploy it with: pnpm --filter @holonet/infra run deploy --stage <stage>`;

function main(): number {
  let values: { stage?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { stage: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.stage || !isStage(values.stage)) {
    console.error(
      `${values.stage ? `Unknown stage "${values.stage}".` : "--stage is required."}\n\n${USAGE}`,
    );
    return 2;
  }
  const file = templatePath(values.stage);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, renderTemplate(values.stage));
  console.log(`${stackName(values.stage)}: wrote ${path.relative(process.cwd(), file) || file}`);
  return 0;
}

process.exitCode = main();

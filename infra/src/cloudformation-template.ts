import path from "node:path";
import { APP_NAME, type Stage } from "./app-definition";
import { bucketResources } from "./bucket-resources";
import type { Resource, Template } from "./cloudformation-types";
import { functionRoleResources } from "./function-roles";
import { httpApiResources } from "./http-api-resources";
import { monitoringResources } from "./monitoring-resources";
import { stackName } from "./stack-names";
import { stackOutputs } from "./stack-outputs";

/** Merges resource groups, refusing a logical id used twice (the later one would silently win). */
function mergeResources(...groups: Record<string, Resource>[]): Record<string, Resource> {
  const merged: Record<string, Resource> = {};
  for (const group of groups)
    for (const [id, resource] of Object.entries(group)) {
      if (id in merged) throw new Error(`Two resources have the logical id ${id}`);
      merged[id] = resource;
    }
  return merged;
}

/**
 * The stage's stack (docs/decisions/0006-who-owns-what.md): the buckets, the functions' roles and the HTTP
 * API. Never a Lambda function: each service's deploy script owns its function, versions and aliases.
 * A pure function of the definition, so the same definition always gives the same template.
 */
export function cloudFormationTemplate(stage: Stage): Template {
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `${stackName(stage)}: the data and web buckets, the functions' IAM roles, log groups and alarms, and the HTTP API of ${APP_NAME}'s ${stage} stage. The functions themselves are deployed by their own services.`,
    Metadata: {
      "Holonet::Generator": {
        package: "@holonet/infra",
        source: "infra/src/cloudformation-template.ts",
        command: `pnpm synth --stage ${stage}`,
        note: "Generated from infra/src/app-definition.ts: edit the definition, not this file.",
      },
    },
    Resources: mergeResources(
      bucketResources(stage),
      functionRoleResources(stage),
      httpApiResources(stage),
      monitoringResources(stage),
    ),
    Outputs: stackOutputs(),
  };
}

/** The template as the bytes that are written and deployed: two-space JSON with a final newline. */
export const renderTemplate = (stage: Stage) => `${JSON.stringify(cloudFormationTemplate(stage), null, 2)}\n`;

/** Where `pnpm synth` writes a stage's template: infra/dist, wherever the command is run from. */
export const templatePath = (stage: Stage) =>
  path.resolve(import.meta.dirname, "..", "dist", `${stage}.template.json`);

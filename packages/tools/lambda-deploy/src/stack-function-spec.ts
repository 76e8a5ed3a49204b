import {
  FUNCTIONS,
  type FunctionName,
  functionEnvironment,
  functionName,
  logGroupName,
  MONITORING,
  RUNTIME,
  type Stage,
} from "@holonet/infra/app-definition";
import { stackName } from "@holonet/infra/stack-names";
import { roleOutputKey } from "@holonet/infra/stack-outputs";
import type { FunctionSpec } from "./function-spec";

/**
 * A function's spec in a stage: its configuration from the application definition, its role from the
 * stage's stack outputs, and any settings the stage adds to every function (the local cloud adds its
 * endpoints this way, in the output FunctionEnvironment).
 */
export function stackFunctionSpec(
  service: FunctionName,
  stage: Stage,
  outputs: Record<string, string>,
): FunctionSpec {
  const role = outputs[roleOutputKey(service)];
  if (!role)
    throw new Error(
      `The stack ${stackName(stage)} has no output ${roleOutputKey(service)}: deploy the stack again.`,
    );
  const stageEnvironment = outputs.FunctionEnvironment
    ? (JSON.parse(outputs.FunctionEnvironment) as Record<string, string>)
    : {};
  const definition = FUNCTIONS[service];
  return {
    name: functionName(service),
    description: definition.description,
    runtime: RUNTIME,
    handler: definition.handler,
    role,
    memoryMb: definition.memoryMb,
    timeoutSeconds: definition.timeoutSeconds,
    environment: { ...functionEnvironment(service, stage), ...stageEnvironment },
    logGroup: logGroupName(service, stage),
    tracing: MONITORING[stage].tracing ? "Active" : "PassThrough",
    ...(definition.reservedConcurrency !== undefined && {
      reservedConcurrency: definition.reservedConcurrency,
    }),
  };
}

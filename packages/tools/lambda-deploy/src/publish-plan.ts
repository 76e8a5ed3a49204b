import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import type { FunctionSpec } from "./function-spec";
import { withoutRecord } from "./release-record";

/** What Lambda holds now for a function and one of its aliases. */
export interface DeployedState {
  /** $LATEST, or undefined when the function does not exist. */
  latest?: FunctionConfiguration;
  /** The alias's version and that version's configuration, or undefined when the alias does not exist. */
  alias?: { version: string; config: FunctionConfiguration };
}

export type PublishStep =
  | { kind: "create-function" }
  | { kind: "update-code"; from: string; to: string }
  | { kind: "update-configuration"; changes: string[] }
  | { kind: "publish-version" }
  | { kind: "create-alias" }
  | { kind: "move-alias"; from: string };

/** Each configuration field a deploy sets, as Lambda names it, with the spec's value. */
function desiredConfiguration(spec: FunctionSpec) {
  return {
    Runtime: spec.runtime,
    Handler: spec.handler,
    Role: spec.role,
    MemorySize: spec.memoryMb,
    Timeout: spec.timeoutSeconds,
    Description: spec.description,
    Environment: JSON.stringify(Object.entries(spec.environment).sort()),
    LogGroup: spec.logGroup,
    TracingMode: spec.tracing,
  };
}

/** The configuration fields that differ, as "MemorySize 128 -> 256"; none when Lambda already says what the spec says. */
export function configurationChanges(config: FunctionConfiguration, spec: FunctionSpec): string[] {
  const current: Record<string, unknown> = {
    Runtime: config.Runtime,
    Handler: config.Handler,
    Role: config.Role,
    MemorySize: config.MemorySize,
    Timeout: config.Timeout,
    // A version's description carries the release record after the function's own.
    Description: withoutRecord(config.Description),
    Environment: JSON.stringify(Object.entries(config.Environment?.Variables ?? {}).sort()),
    LogGroup: config.LoggingConfig?.LogGroup,
    TracingMode: config.TracingConfig?.Mode ?? "PassThrough",
  };
  return Object.entries(desiredConfiguration(spec)).flatMap(([field, value]) => {
    if (current[field] === value) return [];
    // Environment values may be secrets: name the change, never the values.
    return [field === "Environment" ? "Environment" : `${field} ${current[field] ?? "(none)"} -> ${value}`];
  });
}

/**
 * The steps that bring a function and its alias to the spec and the code (by CodeSha256), and none when
 * the alias already serves exactly that: a deploy with no change publishes nothing.
 */
export function planPublish(state: DeployedState, spec: FunctionSpec, sha: string): PublishStep[] {
  const served = state.alias;
  if (served && served.config.CodeSha256 === sha && configurationChanges(served.config, spec).length === 0)
    return [];
  const steps: PublishStep[] = [];
  if (!state.latest) {
    steps.push({ kind: "create-function" });
  } else {
    if (state.latest.CodeSha256 !== sha) {
      steps.push({ kind: "update-code", from: state.latest.CodeSha256 ?? "", to: sha });
    }
    const changes = configurationChanges(state.latest, spec);
    if (changes.length > 0) steps.push({ kind: "update-configuration", changes });
  }
  steps.push({ kind: "publish-version" });
  steps.push(served ? { kind: "move-alias", from: served.version } : { kind: "create-alias" });
  return steps;
}

/** One line per step, for progress and for --dry-run. */
export function describeStep(step: PublishStep, spec: FunctionSpec, alias: string): string {
  switch (step.kind) {
    case "create-function":
      return `create function ${spec.name} (${spec.runtime}, ${spec.memoryMb} MB, ${spec.timeoutSeconds} s)`;
    case "update-code":
      return `update code of ${spec.name} (CodeSha256 ${step.from.slice(0, 12)}… -> ${step.to.slice(0, 12)}…)`;
    case "update-configuration":
      return `update configuration of ${spec.name}: ${step.changes.join(", ")}`;
    case "publish-version":
      return `publish a new version of ${spec.name}`;
    case "create-alias":
      return `create alias ${alias} on the new version`;
    case "move-alias":
      return `move alias ${alias} from version ${step.from} to the new version`;
  }
}

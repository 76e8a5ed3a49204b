import {
  APP_NAME,
  FUNCTION_NAMES,
  type FunctionName,
  functionName,
  logGroupName,
  MONITORING,
  type Stage,
  stageAlias,
} from "./app-definition";
import type { Resource } from "./cloudformation-types";
import { LOGICAL_IDS } from "./stack-names";

const METRICS = ["Errors", "Throttles"] as const;

/** The stage's log group of a function, kept as long as the stage says; its versions log there. */
function logGroup(fn: FunctionName, stage: Stage): Resource {
  return {
    Type: "AWS::Logs::LogGroup",
    Properties: {
      LogGroupName: logGroupName(fn, stage),
      RetentionInDays: MONITORING[stage].logRetentionDays,
    },
  };
}

/**
 * An alarm on one of Lambda's own metrics for the function's stage alias. Lambda publishes per-alias
 * metrics under the dimensions FunctionName and Resource (`<function>:<alias>`), so each stage's alarm
 * sees only its own traffic although one function serves every stage:
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 */
function alarm(fn: FunctionName, stage: Stage, metric: (typeof METRICS)[number]): Resource {
  const { alarms } = MONITORING[stage];
  const threshold = metric === "Errors" ? alarms.errors : alarms.throttles;
  const name = functionName(fn);
  return {
    Type: "AWS::CloudWatch::Alarm",
    Properties: {
      AlarmName: `${APP_NAME}-${stage}-${fn}-${metric.toLowerCase()}`,
      AlarmDescription: `${name}:${stageAlias(stage)} had ${threshold} or more ${metric.toLowerCase()} in ${alarms.periodSeconds / 60} minutes.`,
      Namespace: "AWS/Lambda",
      MetricName: metric,
      Dimensions: [
        { Name: "FunctionName", Value: name },
        { Name: "Resource", Value: `${name}:${stageAlias(stage)}` },
      ],
      Statistic: "Sum",
      Period: alarms.periodSeconds,
      EvaluationPeriods: 1,
      Threshold: threshold,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      // No invocations is no trouble: an idle stage stays OK.
      TreatMissingData: "notBreaching",
    },
  };
}

/** Per function of the stage: its log group, and an alarm on its errors and one on its throttles. */
export function monitoringResources(stage: Stage): Record<string, Resource> {
  return Object.fromEntries(
    FUNCTION_NAMES.flatMap((fn) => [
      [LOGICAL_IDS.logGroup(fn), logGroup(fn, stage)],
      ...METRICS.map((metric) => [LOGICAL_IDS.alarm(fn, metric), alarm(fn, stage, metric)]),
    ]),
  );
}

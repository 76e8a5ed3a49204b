import {
  type BucketAccess,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionName,
  functionName,
  logGroupName,
  MONITORING,
  type Stage,
} from "./app-definition";
import { bucketArn } from "./bucket-resources";
import { type PolicyDocument, type PolicyStatement, type Resource, sub } from "./cloudformation-types";
import { functionRoleName, LOGICAL_IDS, pascalCase } from "./stack-names";

/** What each kind of use in the definition may do to objects; listing is granted on the bucket itself. */
const OBJECT_ACTIONS = { read: "s3:GetObject", write: "s3:PutObject" } as const;

/**
 * A function's rights on one bucket, from the definition's `uses`: object actions on the keys under the
 * prefix only, and listing on the bucket. The listing right carries no `s3:prefix` condition: S3 answers
 * a GetObject of a missing key with 404 only to a caller that may list the bucket, and that check has no
 * prefix to meet, so with the condition an unknown quote id would come back as 403 and a 500
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, "Permissions"). The data bucket
 * holds nothing but the prefix, so listing it shows no more.
 */
export function bucketStatements(use: BucketAccess, stage: Stage): PolicyStatement[] {
  const sid = pascalCase(use.bucket);
  const objectActions = use.actions.flatMap((action) => (action === "list" ? [] : [OBJECT_ACTIONS[action]]));
  const statements: PolicyStatement[] = [];
  if (objectActions.length > 0)
    statements.push({
      Sid: `${sid}Objects`,
      Effect: "Allow",
      Action: objectActions,
      Resource: [bucketArn(use.bucket, stage, `${use.prefix}*`)],
    });
  if (use.actions.includes("list"))
    statements.push({
      Sid: `${sid}List`,
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: [bucketArn(use.bucket, stage)],
    });
  return statements;
}

/**
 * The stage's version of a function logs to the stage's log group, which the stack creates; IAM names a log
 * group by its ARN with `:*` appended
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html).
 */
const logStatement = (fn: FunctionName, stage: Stage): PolicyStatement => ({
  Sid: "OwnLogGroup",
  Effect: "Allow",
  Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
  Resource: [
    sub(
      `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${logGroupName(fn, stage)}:*`,
    ),
  ],
});

/**
 * Active tracing sends segments to X-Ray, whose write actions take no resource type, so `*` is the only
 * resource they accept (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html;
 * AWS's own AWSXRayDaemonWriteAccess grants them on `*` too).
 */
const TRACING_STATEMENT: PolicyStatement = {
  Sid: "XRayTraces",
  Effect: "Allow",
  Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
  Resource: ["*"],
};

export const trustPolicy = (service: string): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "AssumedBy",
      Effect: "Allow",
      Principal: { Service: service },
      Action: ["sts:AssumeRole"],
    },
  ],
});

function functionRole(fn: FunctionName, stage: Stage): Resource {
  return {
    Type: "AWS::IAM::Role",
    Properties: {
      RoleName: functionRoleName(fn, stage),
      Description: `Execution role of ${functionName(fn)} in ${stage}: its own logs and what the definition lets it use.`,
      AssumeRolePolicyDocument: trustPolicy("lambda.amazonaws.com"),
      Policies: [
        {
          PolicyName: "least-privilege",
          PolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              logStatement(fn, stage),
              ...(MONITORING[stage].tracing ? [TRACING_STATEMENT] : []),
              ...FUNCTIONS[fn].uses.flatMap((use) => bucketStatements(use, stage)),
            ],
          },
        },
      ],
    },
  };
}

/** One execution role per function for the stage, each granted exactly what the definition says it uses. */
export function functionRoleResources(stage: Stage): Record<string, Resource> {
  return Object.fromEntries(
    FUNCTION_NAMES.map((fn) => [LOGICAL_IDS.functionRole(fn), functionRole(fn, stage)]),
  );
}

/**
 * The parts of a CloudFormation template that the stack uses, typed after the template reference
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/) so that a misspelt property
 * fails the typecheck instead of the deploy.
 */

export type Intrinsic = { Ref: string } | { "Fn::GetAtt": [string, string] } | { "Fn::Sub": string };

/** A string known when the template is written, or one CloudFormation resolves in the account. */
export type Value = string | Intrinsic;

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | { Service: string };
  Action: string[];
  /** Absent only in a trust policy, where IAM refuses it. */
  Resource?: Value[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export interface BucketProperties {
  BucketName: string;
  BucketEncryption: {
    ServerSideEncryptionConfiguration: { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }[];
  };
  PublicAccessBlockConfiguration: {
    BlockPublicAcls: boolean;
    BlockPublicPolicy: boolean;
    IgnorePublicAcls: boolean;
    RestrictPublicBuckets: boolean;
  };
  OwnershipControls: { Rules: { ObjectOwnership: "BucketOwnerEnforced" }[] };
  WebsiteConfiguration?: { IndexDocument: string; ErrorDocument: string };
}

export interface BucketPolicyProperties {
  Bucket: Value;
  PolicyDocument: PolicyDocument;
}

export interface RoleProperties {
  RoleName: string;
  Description: string;
  AssumeRolePolicyDocument: PolicyDocument;
  Policies: { PolicyName: string; PolicyDocument: PolicyDocument }[];
}

export interface HttpApiProperties {
  Name: string;
  Description: string;
  ProtocolType: "HTTP";
  CorsConfiguration: {
    AllowOrigins: Value[];
    AllowMethods: string[];
    AllowHeaders: string[];
    ExposeHeaders: string[];
    MaxAge: number;
  };
}

export interface ApiStageProperties {
  ApiId: Value;
  StageName: string;
  Description: string;
  AutoDeploy: boolean;
  DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
}

export interface IntegrationProperties {
  ApiId: Value;
  Description: string;
  IntegrationType: "AWS_PROXY";
  IntegrationUri: Value;
  PayloadFormatVersion: "2.0";
  TimeoutInMillis: number;
  CredentialsArn: Value;
}

export interface RouteProperties {
  ApiId: Value;
  RouteKey: string;
  Target: Value;
}

interface TypedResource<Type extends string, Properties> {
  Type: Type;
  Properties: Properties;
  DeletionPolicy?: "Retain" | "Delete";
  UpdateReplacePolicy?: "Retain" | "Delete";
}

export interface AlarmProperties {
  AlarmName: string;
  AlarmDescription: string;
  Namespace: "AWS/Lambda";
  MetricName: "Errors" | "Throttles";
  Dimensions: { Name: string; Value: string }[];
  Statistic: "Sum";
  Period: number;
  EvaluationPeriods: number;
  Threshold: number;
  ComparisonOperator: "GreaterThanOrEqualToThreshold";
  TreatMissingData: "notBreaching";
}

export type Resource =
  | TypedResource<"AWS::S3::Bucket", BucketProperties>
  | TypedResource<"AWS::S3::BucketPolicy", BucketPolicyProperties>
  | TypedResource<"AWS::IAM::Role", RoleProperties>
  | TypedResource<"AWS::ApiGatewayV2::Api", HttpApiProperties>
  | TypedResource<"AWS::ApiGatewayV2::Stage", ApiStageProperties>
  | TypedResource<"AWS::ApiGatewayV2::Integration", IntegrationProperties>
  | TypedResource<"AWS::ApiGatewayV2::Route", RouteProperties>
  | TypedResource<"AWS::CloudWatch::Alarm", AlarmProperties>
  | TypedResource<"AWS::Logs::LogGroup", { LogGroupName: string; RetentionInDays: number }>;

export interface Output {
  Description: string;
  Value: Value;
}

export interface Template {
  AWSTemplateFormatVersion: "2010-09-09";
  Description: string;
  Metadata: Record<string, unknown>;
  Resources: Record<string, Resource>;
  Outputs: Record<string, Output>;
}

export const ref = (logicalId: string): Intrinsic => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string): Intrinsic => ({
  "Fn::GetAtt": [logicalId, attribute],
});
export const sub = (text: string): Intrinsic => ({ "Fn::Sub": text });

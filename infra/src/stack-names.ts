import type { Route } from "@holonet/contracts/routes";
import { APP_NAME, type BucketId, type FunctionName, STAGES, type Stage } from "./app-definition";

/** The one CloudFormation stack of a stage. */
export const stackName = (stage: Stage) => `${APP_NAME}-${stage}`;

export const isStage = (name: string): name is Stage => (STAGES as readonly string[]).includes(name);

/** `store-save` -> `StoreSave`: logical ids and output keys may hold only letters and digits. */
export const pascalCase = (name: string) =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join("");

/** Role names are per stage: one function serves every stage, and each stage's version has its own role. */
export const functionRoleName = (fn: FunctionName, stage: Stage) => `${APP_NAME}-${stage}-${fn}`;
export const apiInvokeRoleName = (stage: Stage) => `${APP_NAME}-${stage}-api-invoke`;

/** Logical ids of the template's resources: what the tests and the outputs refer to. */
export const LOGICAL_IDS = {
  httpApi: "HttpApi",
  apiStage: "HttpApiDefaultStage",
  apiInvokeRole: "ApiInvokeRole",
  bucket: (bucket: BucketId) => `${pascalCase(bucket)}Bucket`,
  bucketPolicy: (bucket: BucketId) => `${pascalCase(bucket)}BucketPolicy`,
  functionRole: (fn: FunctionName) => `${pascalCase(fn)}Role`,
  alarm: (fn: FunctionName, metric: "Errors" | "Throttles") => `${pascalCase(fn)}${metric}Alarm`,
  logGroup: (fn: FunctionName) => `${pascalCase(fn)}LogGroup`,
  integration: (fn: FunctionName) => `${pascalCase(fn)}Integration`,
  /** `GET /quotes/{id}` -> `GetQuotesIdRoute`. */
  route: (route: Pick<Route, "method" | "path">) =>
    `${pascalCase(route.method.toLowerCase())}${pascalCase(route.path)}Route`,
} as const;

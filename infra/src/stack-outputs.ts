import { FUNCTION_NAMES, type FunctionName } from "./app-definition";
import { getAtt, type Output, ref } from "./cloudformation-types";
import { LOGICAL_IDS, pascalCase } from "./stack-names";

/**
 * The stack's outputs: what the per-service and web deploy scripts read from the stack. The keys are a
 * contract with those scripts, so they are built here and nowhere else.
 */
export const roleOutputKey = (fn: FunctionName) => `${pascalCase(fn)}RoleArn`;

export const STACK_OUTPUT_KEYS = ["ApiUrl", "WebsiteUrl", "DataBucketName", "WebBucketName"] as const;

/** Every key the stack outputs: the four above, then one role ARN per function. */
export function stackOutputKeys(): string[] {
  return [...STACK_OUTPUT_KEYS, ...FUNCTION_NAMES.map(roleOutputKey)];
}

export function stackOutputs(): Record<string, Output> {
  return {
    ApiUrl: {
      Description: "The HTTP API's $default stage: the base URL of every route, with no stage in the path.",
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html#aws-resource-apigatewayv2-api-return-values
      Value: getAtt(LOGICAL_IDS.httpApi, "ApiEndpoint"),
    },
    WebsiteUrl: {
      Description:
        "The web bucket's S3 website endpoint (HTTP only): the site, and the API's one CORS origin.",
      Value: getAtt(LOGICAL_IDS.bucket("web"), "WebsiteURL"),
    },
    DataBucketName: { Description: "The data bucket.", Value: ref(LOGICAL_IDS.bucket("data")) },
    WebBucketName: {
      Description: "The web bucket, which the web deploy script fills.",
      Value: ref(LOGICAL_IDS.bucket("web")),
    },
    ...Object.fromEntries(
      FUNCTION_NAMES.map((fn) => [
        roleOutputKey(fn),
        {
          Description: `The execution role of ${fn}'s version for this stage.`,
          Value: getAtt(LOGICAL_IDS.functionRole(fn), "Arn"),
        },
      ]),
    ),
  };
}

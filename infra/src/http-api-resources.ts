import { routeKey } from "@holonet/contracts/routes";
import {
  API,
  APP_NAME,
  type FunctionName,
  functionName,
  ROUTES,
  type Stage,
  stageAlias,
} from "./app-definition";
import { getAtt, type Resource, ref, sub } from "./cloudformation-types";
import { trustPolicy } from "./function-roles";
import { apiInvokeRoleName, LOGICAL_IDS } from "./stack-names";

/** The functions behind at least one route, in the route table's order. */
export const routedFunctions = (): FunctionName[] => [...new Set(ROUTES.map((route) => route.function))];

/**
 * The ARN of a function's alias for the stage. The deploy scripts create the function and the alias; the
 * stack only names them, which IAM and API Gateway allow before they exist.
 */
export const stageAliasArn = (fn: FunctionName, stage: Stage) =>
  sub(
    `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${functionName(fn)}:${stageAlias(stage)}`,
  );

/**
 * API Gateway invokes the aliases as this role (the integrations' CredentialsArn) rather than through a
 * resource policy on each function (AWS::Lambda::Permission), which could only be added once the
 * function exists: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
function apiInvokeRole(stage: Stage): Resource {
  return {
    Type: "AWS::IAM::Role",
    Properties: {
      RoleName: apiInvokeRoleName(stage),
      Description: `Lets ${APP_NAME}-${stage}'s HTTP API invoke the ${stage} alias of each routed function, and nothing else.`,
      AssumeRolePolicyDocument: trustPolicy("apigateway.amazonaws.com"),
      Policies: [
        {
          PolicyName: "invoke-stage-aliases",
          PolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "InvokeStageAliases",
                Effect: "Allow",
                Action: ["lambda:InvokeFunction"],
                Resource: routedFunctions().map((fn) => stageAliasArn(fn, stage)),
              },
            ],
          },
        },
      ],
    },
  };
}

/**
 * The stage's HTTP API: CORS for the stage's website alone, the `$default` stage (no stage in the path)
 * deployed on every change, throttled as the definition says, and one Lambda proxy integration per
 * function, payload format 2.0 (docs/decisions/0001-api-gateway-payload-format-2.md).
 */
export function httpApiResources(stage: Stage): Record<string, Resource> {
  const apiId = ref(LOGICAL_IDS.httpApi);
  const resources: Record<string, Resource> = {
    [LOGICAL_IDS.httpApi]: {
      Type: "AWS::ApiGatewayV2::Api",
      Properties: {
        Name: `${APP_NAME}-${stage}`,
        Description: `The ${APP_NAME} HTTP API, ${stage} stage.`,
        ProtocolType: "HTTP",
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
        CorsConfiguration: {
          // The bucket's own website URL: S3 spells the endpoint `s3-website-<region>` in some regions and
          // `s3-website.<region>` in others (https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html),
          // and WebsiteURL is the one that holds in the stack's region.
          AllowOrigins: [getAtt(LOGICAL_IDS.bucket("web"), "WebsiteURL")],
          AllowMethods: [...API.cors.allowMethods],
          AllowHeaders: [...API.cors.allowHeaders],
          ExposeHeaders: [...API.cors.exposeHeaders],
          MaxAge: API.cors.maxAgeSeconds,
        },
      },
    },
    [LOGICAL_IDS.apiStage]: {
      Type: "AWS::ApiGatewayV2::Stage",
      Properties: {
        ApiId: apiId,
        StageName: "$default",
        Description: `Serves the ${stage} aliases at the API's root.`,
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingRateLimit: API.throttling.rateLimit,
          ThrottlingBurstLimit: API.throttling.burstLimit,
        },
      },
    },
    [LOGICAL_IDS.apiInvokeRole]: apiInvokeRole(stage),
  };
  for (const fn of routedFunctions())
    resources[LOGICAL_IDS.integration(fn)] = {
      Type: "AWS::ApiGatewayV2::Integration",
      Properties: {
        ApiId: apiId,
        Description: `${functionName(fn)}, alias ${stageAlias(stage)}`,
        IntegrationType: "AWS_PROXY",
        IntegrationUri: stageAliasArn(fn, stage),
        PayloadFormatVersion: "2.0",
        TimeoutInMillis: API.integrationTimeoutSeconds * 1000,
        CredentialsArn: getAtt(LOGICAL_IDS.apiInvokeRole, "Arn"),
      },
    };
  for (const route of ROUTES)
    resources[LOGICAL_IDS.route(route)] = {
      Type: "AWS::ApiGatewayV2::Route",
      Properties: {
        ApiId: apiId,
        RouteKey: routeKey(route),
        Target: sub(`integrations/\${${LOGICAL_IDS.integration(route.function)}}`),
      },
    };
  return resources;
}

import { routeKey } from "@holonet/contracts/routes";
import { DATA_PREFIX } from "@holonet/quote-store/quote-keys";
import { describe, expect, it } from "vitest";
import {
  API,
  bucketName,
  FUNCTION_NAMES,
  FUNCTIONS,
  functionName,
  MONITORING,
  ROUTES,
  STAGES,
  stageAlias,
} from "../src/app-definition";
import { cloudFormationTemplate, renderTemplate } from "../src/cloudformation-template";
import { routedFunctions } from "../src/http-api-resources";
import { LOGICAL_IDS, stackName } from "../src/stack-names";
import { roleOutputKey, stackOutputKeys } from "../src/stack-outputs";
import { resource, resourcesOfType, roleStatements, statements, text } from "./template-helpers";

const S3_WRITES = /^s3:(Put|Delete|Restore|Replicate|Abort|Create|\*)/;

describe.each(STAGES)("the %s stack's template", (stage) => {
  const template = cloudFormationTemplate(stage);
  const arn = (rest: string) => `arn:\${AWS::Partition}:${rest}`;
  const dataObjects = arn(`s3:::${bucketName("data", stage)}/${DATA_PREFIX}*`);
  const aliasArn = (fn: (typeof FUNCTION_NAMES)[number]) =>
    arn(`lambda:\${AWS::Region}:\${AWS::AccountId}:function:${functionName(fn)}:${stageAlias(stage)}`);

  describe("monitoring", () => {
    it("gives each function a log group of the stage's own, kept as long as the stage says", () => {
      for (const fn of FUNCTION_NAMES) {
        expect(resource(template, LOGICAL_IDS.logGroup(fn), "AWS::Logs::LogGroup").Properties).toEqual({
          LogGroupName: `/holonet/${stage}/${fn}`,
          RetentionInDays: MONITORING[stage].logRetentionDays,
        });
      }
    });

    it("lets the stage's functions send X-Ray segments exactly when the stage traces", () => {
      const xray = statements(template).filter((s) => s.Action.some((action) => action.startsWith("xray:")));
      expect(xray).toHaveLength(MONITORING[stage].tracing ? FUNCTION_NAMES.length : 0);
      for (const statement of xray) {
        expect(statement.Action).toEqual(["xray:PutTraceSegments", "xray:PutTelemetryRecords"]);
      }
    });

    it("watches each function's errors and throttles on the stage alias only, at the stage's thresholds", () => {
      const alarms = resourcesOfType(template, "AWS::CloudWatch::Alarm");
      expect(alarms).toHaveLength(FUNCTION_NAMES.length * 2);
      for (const fn of FUNCTION_NAMES) {
        for (const metric of ["Errors", "Throttles"] as const) {
          const { Properties } = resource(template, LOGICAL_IDS.alarm(fn, metric), "AWS::CloudWatch::Alarm");
          expect(Properties).toMatchObject({
            Namespace: "AWS/Lambda",
            MetricName: metric,
            Dimensions: [
              { Name: "FunctionName", Value: functionName(fn) },
              { Name: "Resource", Value: `${functionName(fn)}:${stageAlias(stage)}` },
            ],
            Statistic: "Sum",
            Threshold:
              metric === "Errors" ? MONITORING[stage].alarms.errors : MONITORING[stage].alarms.throttles,
            TreatMissingData: "notBreaching",
          });
        }
      }
    });
  });

  describe("least privilege", () => {
    it("allows no wildcard action and names no Resource '*' but X-Ray's, which takes no other", () => {
      for (const statement of statements(template).filter((s) => s.Sid !== "XRayTraces")) {
        expect(statement.Resource?.map(text) ?? [], statement.where).not.toContain("*");
        if (statement.Effect === "Allow")
          for (const action of statement.Action) expect(action, statement.where).not.toMatch(/(^|:)\*$/);
      }
    });

    it("uses `s3:*` only to deny plain-HTTP requests to the data bucket", () => {
      const wide = statements(template).filter((s) => s.Action.some((action) => action.endsWith("*")));
      expect(wide).toEqual([
        expect.objectContaining({
          where: LOGICAL_IDS.bucketPolicy("data"),
          Effect: "Deny",
          Action: ["s3:*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        }),
      ]);
    });

    it("gives each function its own role, assumable by Lambda alone, with rights on its own log group only", () => {
      for (const fn of FUNCTION_NAMES) {
        const role = resource(template, LOGICAL_IDS.functionRole(fn), "AWS::IAM::Role").Properties;
        expect(role.RoleName).toBe(`holonet-${stage}-${fn}`);
        expect(role.AssumeRolePolicyDocument.Statement).toEqual([
          {
            Sid: "AssumedBy",
            Effect: "Allow",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: ["sts:AssumeRole"],
          },
        ]);
        const logs = roleStatements(template, LOGICAL_IDS.functionRole(fn)).filter((s) =>
          s.Action.some((action) => action.startsWith("logs:")),
        );
        expect(logs).toHaveLength(1);
        expect(logs[0]?.Action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
        expect(logs[0]?.Resource?.map(text)).toEqual([
          arn(`logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/holonet/${stage}/${fn}:*`),
        ]);
      }
    });

    it("lets quote touch no bucket, store-save only put and store-get only get and list", () => {
      const s3Actions = (fn: (typeof FUNCTION_NAMES)[number]) =>
        roleStatements(template, LOGICAL_IDS.functionRole(fn)).flatMap((s) =>
          s.Action.filter((action) => action.startsWith("s3:")),
        );
      expect(s3Actions("quote")).toEqual([]);
      expect(s3Actions("store-save")).toEqual(["s3:PutObject"]);
      expect(s3Actions("store-get").sort()).toEqual(["s3:GetObject", "s3:ListBucket"]);
    });

    it("scopes every S3 right a function has to the data prefix", () => {
      for (const fn of FUNCTION_NAMES)
        for (const statement of roleStatements(template, LOGICAL_IDS.functionRole(fn))) {
          if (!statement.Action.some((action) => action.startsWith("s3:"))) continue;
          if (statement.Action.includes("s3:ListBucket")) {
            expect(statement.Action).toEqual(["s3:ListBucket"]);
            expect(statement.Resource?.map(text)).toEqual([arn(`s3:::${bucketName("data", stage)}`)]);
            // No prefix condition, so that a missing key is a 404, not a 403 (see function-roles.ts).
            expect(statement.Condition).toBeUndefined();
          } else {
            expect(statement.Resource?.map(text), fn).toEqual([dataObjects]);
          }
        }
      expect(FUNCTIONS["store-get"].uses.length + FUNCTIONS["store-save"].uses.length).toBeGreaterThan(0);
    });
  });

  describe("buckets", () => {
    it("keeps the data bucket private, encrypted, TLS-only and out of the stack's deletion", () => {
      const data = resource(template, LOGICAL_IDS.bucket("data"), "AWS::S3::Bucket");
      expect(data.Properties.BucketName).toBe(`holonet-${stage}-data`);
      expect(data.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(data.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } },
      ]);
      expect(data.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: "BucketOwnerEnforced" }]);
      expect(data.Properties.WebsiteConfiguration).toBeUndefined();
      expect(data).toMatchObject({ DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });

      const policy = resource(template, LOGICAL_IDS.bucketPolicy("data"), "AWS::S3::BucketPolicy").Properties;
      expect(policy.Bucket).toEqual({ Ref: LOGICAL_IDS.bucket("data") });
      expect(policy.PolicyDocument.Statement).toEqual([
        expect.objectContaining({ Effect: "Deny", Principal: "*", Action: ["s3:*"] }),
      ]);
      expect(policy.PolicyDocument.Statement[0]?.Resource?.map(text)).toEqual([
        arn(`s3:::${bucketName("data", stage)}`),
        arn(`s3:::${bucketName("data", stage)}/*`),
      ]);
    });

    it("serves the web bucket as a website that anyone may read and nobody may write", () => {
      const web = resource(template, LOGICAL_IDS.bucket("web"), "AWS::S3::Bucket").Properties;
      expect(web.BucketName).toBe(`holonet-${stage}-web`);
      expect(web.WebsiteConfiguration).toEqual({ IndexDocument: "index.html", ErrorDocument: "index.html" });
      expect(web.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: false,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: false,
      });
      const policy = resource(template, LOGICAL_IDS.bucketPolicy("web"), "AWS::S3::BucketPolicy").Properties;
      expect(policy.PolicyDocument.Statement).toEqual([
        {
          Sid: "PublicReadOfTheWebsite",
          Effect: "Allow",
          Principal: "*",
          Action: ["s3:GetObject"],
          Resource: [{ "Fn::Sub": arn(`s3:::${bucketName("web", stage)}/*`) }],
        },
      ]);
      const webWrites = statements(template).filter(
        (s) =>
          s.Effect === "Allow" &&
          s.Action.some((action) => S3_WRITES.test(action)) &&
          (s.Resource ?? []).some((r) => text(r).includes(bucketName("web", stage))),
      );
      expect(webWrites).toEqual([]);
    });

    it("makes nothing but the website public", () => {
      const publicGrants = statements(template).filter((s) => s.Effect === "Allow" && s.Principal === "*");
      expect(publicGrants.map((s) => s.where)).toEqual([LOGICAL_IDS.bucketPolicy("web")]);
    });
  });

  describe("the HTTP API", () => {
    it("lets API Gateway invoke exactly the stage aliases of the routed functions", () => {
      const role = resource(template, LOGICAL_IDS.apiInvokeRole, "AWS::IAM::Role").Properties;
      expect(role.RoleName).toBe(`holonet-${stage}-api-invoke`);
      expect(role.AssumeRolePolicyDocument.Statement[0]?.Principal).toEqual({
        Service: "apigateway.amazonaws.com",
      });
      const granted = roleStatements(template, LOGICAL_IDS.apiInvokeRole);
      expect(granted.flatMap((s) => s.Action)).toEqual(["lambda:InvokeFunction"]);
      expect(granted.flatMap((s) => s.Resource ?? []).map(text)).toEqual(
        [...new Set(ROUTES.map((route) => route.function))].map(aliasArn),
      );
    });

    it("has one Lambda proxy integration per routed function, on its stage alias, as the invoke role", () => {
      const integrations = resourcesOfType(template, "AWS::ApiGatewayV2::Integration");
      expect(integrations.map(([id]) => id)).toEqual(routedFunctions().map(LOGICAL_IDS.integration));
      for (const fn of routedFunctions()) {
        const integration = resource(template, LOGICAL_IDS.integration(fn), "AWS::ApiGatewayV2::Integration");
        expect(integration.Properties).toMatchObject({
          ApiId: { Ref: LOGICAL_IDS.httpApi },
          IntegrationType: "AWS_PROXY",
          PayloadFormatVersion: "2.0",
          TimeoutInMillis: API.integrationTimeoutSeconds * 1000,
          CredentialsArn: { "Fn::GetAtt": [LOGICAL_IDS.apiInvokeRole, "Arn"] },
        });
        expect(text(integration.Properties.IntegrationUri)).toBe(aliasArn(fn));
        // HTTP APIs take 50 ms to 30 s: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
        expect(integration.Properties.TimeoutInMillis).toBeGreaterThanOrEqual(50);
        expect(integration.Properties.TimeoutInMillis).toBeLessThanOrEqual(30_000);
      }
    });

    it("has one route per entry of the route table, each to its function's integration", () => {
      const routes = resourcesOfType(template, "AWS::ApiGatewayV2::Route").map(([, r]) => r.Properties);
      expect(routes.map((r) => r.RouteKey)).toEqual(ROUTES.map(routeKey));
      ROUTES.forEach((route, index) => {
        expect(routes[index]?.ApiId).toEqual({ Ref: LOGICAL_IDS.httpApi });
        expect(routes[index]?.Target).toEqual({
          "Fn::Sub": `integrations/\${${LOGICAL_IDS.integration(route.function)}}`,
        });
      });
    });

    it("allows CORS from the stage's website alone, as the definition says", () => {
      const api = resource(template, LOGICAL_IDS.httpApi, "AWS::ApiGatewayV2::Api").Properties;
      expect(api.ProtocolType).toBe("HTTP");
      expect(api.CorsConfiguration).toEqual({
        AllowOrigins: [{ "Fn::GetAtt": [LOGICAL_IDS.bucket("web"), "WebsiteURL"] }],
        AllowMethods: API.cors.allowMethods,
        AllowHeaders: API.cors.allowHeaders,
        ExposeHeaders: API.cors.exposeHeaders,
        MaxAge: API.cors.maxAgeSeconds,
      });
    });

    it("deploys every change to the $default stage, throttled as the definition says", () => {
      const apiStage = resource(template, LOGICAL_IDS.apiStage, "AWS::ApiGatewayV2::Stage").Properties;
      expect(apiStage).toMatchObject({
        ApiId: { Ref: LOGICAL_IDS.httpApi },
        StageName: "$default",
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingRateLimit: API.throttling.rateLimit,
          ThrottlingBurstLimit: API.throttling.burstLimit,
        },
      });
    });
  });

  it("never creates or changes a Lambda function: the service deploys own them", () => {
    const types = new Set(Object.values(template.Resources).map((r) => r.Type));
    expect([...types].filter((type) => type.startsWith("AWS::Lambda::"))).toEqual([]);
  });

  it("outputs what the deploy scripts read, under the agreed keys", () => {
    expect(Object.keys(template.Outputs)).toEqual(stackOutputKeys());
    expect(stackOutputKeys()).toEqual([
      "ApiUrl",
      "WebsiteUrl",
      "DataBucketName",
      "WebBucketName",
      "QuoteRoleArn",
      "StoreSaveRoleArn",
      "StoreGetRoleArn",
    ]);
    expect(template.Outputs.ApiUrl?.Value).toEqual({ "Fn::GetAtt": [LOGICAL_IDS.httpApi, "ApiEndpoint"] });
    expect(template.Outputs.WebsiteUrl?.Value).toEqual({
      "Fn::GetAtt": [LOGICAL_IDS.bucket("web"), "WebsiteURL"],
    });
    expect(template.Outputs.DataBucketName?.Value).toEqual({ Ref: LOGICAL_IDS.bucket("data") });
    for (const fn of FUNCTION_NAMES)
      expect(template.Outputs[roleOutputKey(fn)]?.Value).toEqual({
        "Fn::GetAtt": [LOGICAL_IDS.functionRole(fn), "Arn"],
      });
  });

  it("says what it is and what generated it", () => {
    expect(stackName(stage)).toBe(`holonet-${stage}`);
    expect(template.Description).toContain(stackName(stage));
    expect(template.Description.length).toBeLessThanOrEqual(1024);
    expect(template.Metadata["Holonet::Generator"]).toMatchObject({ package: "@holonet/infra" });
  });

  it("renders the same bytes from the same definition", () => {
    expect(renderTemplate(stage)).toBe(renderTemplate(stage));
    expect(JSON.parse(renderTemplate(stage))).toEqual(template);
  });
});

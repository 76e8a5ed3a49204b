import type { LocalCredentials } from "@holonet/local-auth/local-credentials";
import { LOCAL_REGION } from "@holonet/local-s3/local-s3";
import type { DevConfig } from "./dev-config";

/**
 * The environment that points the AWS SDK (and the AWS CLI) at a running local cloud as the developer: what
 * `eval "$(pnpm -s local-env)"` sets, so that the deploy scripts run against it exactly as against AWS.
 */
export function sdkEnvironment(
  cloud: Pick<DevConfig, "lambda" | "s3" | "cloudformation" | "logs">,
  credentials: LocalCredentials,
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_LAMBDA: cloud.lambda,
    AWS_ENDPOINT_URL_S3: cloud.s3,
    AWS_ENDPOINT_URL_CLOUDFORMATION: cloud.cloudformation,
    // The SDK's name for the service id "CloudWatch Logs".
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: cloud.logs,
    AWS_REGION: LOCAL_REGION,
    // The local cloud's own credentials (credentials.json in its data folder): its endpoints accept no others.
    AWS_ACCESS_KEY_ID: credentials.developer.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.developer.secretAccessKey,
    // s3rver would store a streamed body's aws-chunked framing as its content.
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
  };
}

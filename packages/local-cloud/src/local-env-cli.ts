import { existsSync } from "node:fs";
import path from "node:path";
import { findWorkspaceRoot } from "@holonet/local-invoke/workspace-root";
import { devConfigPath, readDevConfig } from "./dev-config";

/**
 * Prints the environment that points the AWS SDK (and the AWS CLI) at the running local cloud, for
 * `eval "$(pnpm -s local-env)"`. Then the deploy scripts run against it exactly as against AWS.
 */
const dataDir = path.join(findWorkspaceRoot(process.cwd()), ".holonet");
if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(
    'Usage: eval "$(pnpm -s local-env)"\n\nPrints export lines that point the AWS SDK at the running local cloud (from .holonet/dev.json).',
  );
} else if (!existsSync(devConfigPath(dataDir))) {
  console.error("No local cloud has run here: start one with pnpm dev (it writes .holonet/dev.json).");
  process.exitCode = 1;
} else {
  const config = readDevConfig(dataDir);
  const environment = {
    AWS_ENDPOINT_URL_LAMBDA: config.lambda,
    AWS_ENDPOINT_URL_S3: config.s3,
    AWS_ENDPOINT_URL_CLOUDFORMATION: config.cloudformation,
    // The SDK's name for the service id "CloudWatch Logs".
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: config.logs,
    AWS_REGION: "us-east-1",
    // s3rver accepts only this key pair; the other local endpoints accept any.
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
  };
  for (const [key, value] of Object.entries(environment)) console.log(`export ${key}=${value}`);
}

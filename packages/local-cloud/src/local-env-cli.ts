import { existsSync } from "node:fs";
import path from "node:path";
import { loadOrCreateCredentials } from "@holonet/local-auth/local-credentials";
import { findWorkspaceRoot } from "@holonet/local-invoke/workspace-root";
import { devConfigPath, readDevConfig } from "./dev-config";
import { sdkEnvironment } from "./sdk-environment";

/**
 * Prints the environment that points the AWS SDK (and the AWS CLI) at the running local cloud, for
 * `eval "$(pnpm -s local-env)"`. Then the deploy scripts run against it exactly as against AWS.
 */
const dataDir = path.join(findWorkspaceRoot(process.cwd()), ".holonet");
if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(
    'Usage: eval "$(pnpm -s local-env)"\n\nPrints export lines that point the AWS SDK at the running local cloud (from .holonet/dev.json),\nwith the credentials it accepts (.holonet/credentials.json).',
  );
} else if (!existsSync(devConfigPath(dataDir))) {
  console.error("No local cloud has run here: start one with pnpm dev (it writes .holonet/dev.json).");
  process.exitCode = 1;
} else {
  const environment = sdkEnvironment(readDevConfig(dataDir), loadOrCreateCredentials(dataDir));
  for (const [key, value] of Object.entries(environment)) console.log(`export ${key}='${value}'`);
  // A session token left from another login would be sent with these keys, and refused.
  console.log("unset AWS_SESSION_TOKEN");
}

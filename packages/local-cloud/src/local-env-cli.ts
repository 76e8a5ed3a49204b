import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadOrCreateCredentials } from "@holonet/local-auth/local-credentials";
import { findWorkspaceRoot } from "@holonet/local-invoke/workspace-root";
import { devConfigPath, readDevConfig } from "./dev-config";
import { sdkEnvironment } from "./sdk-environment";

const HELP = `Usage: eval "$(pnpm -s local-env [--data-dir <dir>])"

Prints export lines that point the AWS SDK and the AWS CLI at the running local cloud: its endpoints (from
dev.json) and the credentials it accepts (credentials.json), both in its data folder.

  --data-dir <dir>   the cloud's data folder, as given to pnpm dev (default .holonet/ at the root, or HOLONET_DATA_DIR)`;

/**
 * Prints the environment that points the AWS SDK (and the AWS CLI) at the running local cloud, for
 * `eval "$(pnpm -s local-env)"`. Then the deploy scripts run against it exactly as against AWS.
 */
function main(): number {
  const { values } = parseArgs({
    options: { "data-dir": { type: "string" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const dataDir = path.resolve(
    values["data-dir"] ??
      process.env.HOLONET_DATA_DIR ??
      path.join(findWorkspaceRoot(process.cwd()), ".holonet"),
  );
  if (!existsSync(devConfigPath(dataDir))) {
    console.error(
      `No local cloud has run in ${dataDir}: start one with pnpm dev (it writes dev.json there).`,
    );
    return 1;
  }
  const environment = sdkEnvironment(readDevConfig(dataDir), loadOrCreateCredentials(dataDir));
  for (const [key, value] of Object.entries(environment)) console.log(`export ${key}='${value}'`);
  // A session token left from another login would be sent with these keys, and refused.
  console.log("unset AWS_SESSION_TOKEN");
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`holonet-local-env: ${(error as Error).message}\nRun with --help for usage.`);
  process.exitCode = 1;
}

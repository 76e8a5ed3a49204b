import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { handleBrokenPipe } from "@holonet/cli-support/broken-pipe";
import { probeEndpoint } from "@holonet/cli-support/endpoint-probe";
import { findWorkspaceRoot } from "@holonet/cli-support/workspace-root";
import { loadOrCreateCredentials } from "@holonet/local-auth/local-credentials";
import { devConfigPath, readDevConfig } from "./dev-config";
import { sdkEnvironment } from "./sdk-environment";

const HELP = `Usage: eval "$(pnpm -s local-env [--data-dir <dir>])"

Prints export lines that point the AWS SDK and the AWS CLI at the running local cloud: its endpoints (from
dev.json, which pnpm dev writes while it runs) and the credentials it accepts (credentials.json), both in
its data folder. Exits 1, saying why, when no cloud is running there.

  --data-dir <dir>   the cloud's data folder, as given to pnpm dev (default .holonet/ at the root, or HOLONET_DATA_DIR)`;

/**
 * Prints the environment that points the AWS SDK (and the AWS CLI) at the running local cloud, for
 * `eval "$(pnpm -s local-env)"`. Then the deploy scripts run against it exactly as against AWS.
 */
async function main(): Promise<number> {
  handleBrokenPipe();
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
  const start = `pnpm dev${values["data-dir"] ? ` --data-dir ${values["data-dir"]}` : ""}`;
  if (!existsSync(devConfigPath(dataDir))) {
    console.error(
      `No local cloud is running on ${dataDir}: start one with ${start} (it writes dev.json there while it runs).`,
    );
    return 1;
  }
  const cloud = readDevConfig(dataDir);
  // A cloud killed outright (SIGKILL, a crash of the machine) could not remove its dev.json.
  const endpoints = {
    "Lambda API": cloud.lambda,
    S3: cloud.s3,
    CloudFormation: cloud.cloudformation,
    Logs: cloud.logs,
  };
  const probes = await Promise.all(
    Object.entries(endpoints).map(async ([name, url]) => ({ name, url, failure: await probeEndpoint(url) })),
  );
  const down = probes.find((probe) => probe.failure !== undefined);
  if (down) {
    console.error(
      `The local cloud in ${devConfigPath(dataDir)} is not answering (${down.name} at ${down.url}: ${down.failure}): it has stopped. Start it again with ${start}.`,
    );
    return 1;
  }
  const environment = sdkEnvironment(cloud, loadOrCreateCredentials(dataDir));
  for (const [key, value] of Object.entries(environment)) console.log(`export ${key}='${value}'`);
  // A session token left from another login would be sent with these keys, and refused.
  console.log("unset AWS_SESSION_TOKEN");
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`holonet-local-env: ${(error as Error).message}\nRun with --help for usage.`);
    process.exitCode = 1;
  },
);

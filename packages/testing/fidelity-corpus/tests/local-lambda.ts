import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { newLocalCredentials } from "@holonet/local-auth/local-credentials";
import { startLambdaService } from "@holonet/local-lambda/lambda-service";

// The SDK warns once per process that its 2027 releases need Node 22; it says nothing about these tests.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/**
 * The local Lambda service, started in this process, and an unmodified SDK client for it. Its data directory
 * lies below a package.json that says "type": "module", as .holonet/ lies in the repository: on Lambda no
 * package.json is above /var/task, so nothing up there may change how the code loads.
 */
export async function startLocalLambda() {
  const folder = mkdtempSync(path.join(tmpdir(), "holonet-fidelity-"));
  writeFileSync(path.join(folder, "package.json"), JSON.stringify({ type: "module" }));
  const dataDir = path.join(folder, ".holonet");
  mkdirSync(dataDir);
  const credentials = newLocalCredentials();
  const service = await startLambdaService({ dataDir, credentials });
  const client = new LambdaClient({
    endpoint: service.endpoint,
    region: "us-east-1",
    credentials: credentials.developer,
    maxAttempts: 1,
  });
  return {
    client,
    async close() {
      client.destroy();
      await service.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

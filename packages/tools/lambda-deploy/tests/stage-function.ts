import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { newLocalCredentials } from "@holonet/local-auth/local-credentials";
import { startLambdaService } from "@holonet/local-lambda/lambda-service";
import { strToU8, zipSync } from "fflate";
import type { FunctionSpec } from "../src/function-spec";

/**
 * The local Lambda service in a folder of its own, and an SDK client of it as the developer (the endpoint
 * and the developer's keys too, for a CLI run against it).
 */
export async function startLocalLambda(prefix: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  const credentials = newLocalCredentials();
  const service = await startLambdaService({ dataDir, credentials });
  const client = new LambdaClient({
    endpoint: service.endpoint,
    region: "us-east-1",
    credentials: credentials.developer,
  });
  return {
    client,
    endpoint: service.endpoint,
    developer: credentials.developer,
    close: async () => {
      client.destroy();
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One function's configuration in a stage: the stage's role, bucket and log group, as the stack gives them. */
export const stageSpec = (name: string, description: string, stage: string): FunctionSpec => ({
  name,
  description,
  runtime: "nodejs22.x",
  handler: "index.handler",
  role: `arn:aws:iam::000000000000:role/holonet-${stage}-${name}`,
  memoryMb: 128,
  timeoutSeconds: 10,
  environment: { DATA_BUCKET: `holonet-${stage}-data` },
  logGroup: `/holonet/${stage}/${name}`,
  tracing: "PassThrough",
});

/** A package that answers its code's name and its stage's bucket, or fails at init when broken. */
export const stageZip = (code: string, broken = false) =>
  zipSync({
    "index.mjs": strToU8(
      broken
        ? `throw new Error("broken at init");\n`
        : `export const handler = async () => ({ code: ${JSON.stringify(code)}, bucket: process.env.DATA_BUCKET });\n`,
    ),
  });

import { LambdaClient } from "@aws-sdk/client-lambda";
import { freePort } from "../free-port";

/**
 * serverless-offline's Lambda emulation (its `serverless-offline/lambda` export: the Invoke API on hapi and
 * its worker-thread runner, the plugin's default), driven without the Serverless Framework. The framework
 * itself cannot run here: v4 needs a login to serverless.com, and serverless-offline 14 needs v4. What the
 * plugin reads from the framework is given as the plain object below.
 */
export interface OfflineLambda {
  client: LambdaClient;
  functionName: string;
  close(): Promise<void>;
}

interface LambdaClass {
  new (
    serverless: unknown,
    options: Record<string, unknown>,
  ): {
    create(functions: { functionKey: string; functionDefinition: Record<string, unknown> }[]): void;
    start(): Promise<void>;
    stop(timeout: number): Promise<void>;
    cleanup(): Promise<void>;
  };
}

export async function startOfflineLambda(options: {
  codeDir: string;
  functionName: string;
  handler: string;
  environment: Record<string, string>;
}): Promise<OfflineLambda> {
  const { default: Lambda } = (await import("serverless-offline/lambda")) as { default: LambdaClass };
  const { default: defaults } = (await import(
    // The plugin's own defaults, as its CLI would merge them.
    new URL("config/defaultOptions.js", import.meta.resolve("serverless-offline")).href
  )) as { default: Record<string, unknown> };
  const port = await freePort();
  const serverless = {
    service: {
      service: "holonet",
      provider: { name: "aws", runtime: "nodejs22.x", region: "us-east-1", environment: options.environment },
      package: {},
    },
    config: { servicePath: options.codeDir, serverlessPath: options.codeDir },
    serviceDir: options.codeDir,
  };
  const lambda = new Lambda(serverless, { ...defaults, host: "127.0.0.1", lambdaPort: port });
  lambda.create([
    {
      functionKey: "quote",
      functionDefinition: { name: options.functionName, handler: options.handler, runtime: "nodejs22.x" },
    },
  ]);
  await lambda.start();
  const client = new LambdaClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  return {
    client,
    functionName: options.functionName,
    async close() {
      client.destroy();
      await lambda.stop(0);
      await lambda.cleanup();
    },
  };
}

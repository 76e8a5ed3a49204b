import {
  CreateAliasCommand,
  CreateFunctionCommand,
  InvokeCommand,
  type LambdaClient,
  PublishVersionCommand,
  waitUntilFunctionActiveV2,
} from "@aws-sdk/client-lambda";
import { zipSync } from "fflate";

export const ALIAS = "live";

export interface FunctionSpec {
  name: string;
  /** The zip's content, or the source of handler.mjs. */
  code: Uint8Array | string;
  timeoutSeconds: number;
  memoryMb?: number;
  environment?: Record<string, string>;
}

/** Deploys as a deploy script does: create, wait until active, publish a version, point an alias at it. */
export async function deployFunction(client: LambdaClient, spec: FunctionSpec): Promise<void> {
  const zip =
    typeof spec.code === "string"
      ? zipSync({ "handler.mjs": new TextEncoder().encode(spec.code) })
      : spec.code;
  await client.send(
    new CreateFunctionCommand({
      FunctionName: spec.name,
      Runtime: "nodejs22.x",
      Handler: "handler.handler",
      Role: `arn:aws:iam::000000000000:role/${spec.name}-role`,
      Code: { ZipFile: zip },
      Timeout: spec.timeoutSeconds,
      MemorySize: spec.memoryMb ?? 128,
      ...(spec.environment && { Environment: { Variables: spec.environment } }),
    }),
  );
  await waitUntilFunctionActiveV2({ client, maxWaitTime: 30 }, { FunctionName: spec.name });
  const { Version } = await client.send(new PublishVersionCommand({ FunctionName: spec.name }));
  await client.send(
    new CreateAliasCommand({ FunctionName: spec.name, Name: ALIAS, FunctionVersion: Version }),
  );
}

export interface Invoked {
  functionError: string | undefined;
  payload: unknown;
}

/** Invokes the function's alias through the Lambda API and reads its JSON payload. */
export async function invokeAlias(client: LambdaClient, name: string, event: unknown): Promise<Invoked> {
  const answer = await client.send(
    new InvokeCommand({ FunctionName: name, Qualifier: ALIAS, Payload: JSON.stringify(event) }),
  );
  const text = Buffer.from(answer.Payload ?? []).toString("utf8");
  return { functionError: answer.FunctionError, payload: text === "" ? undefined : JSON.parse(text) };
}

/**
 * A function that answers `{"probe": true}` with its process id and fails, as `fault` says, on anything
 * else: the pid tells whether the next invocation got a fresh instance.
 */
export const faultySource = (fault: string) => `
export const handler = async (event) => {
  if (event.probe) return { pid: process.pid };
  ${fault}
};
`;

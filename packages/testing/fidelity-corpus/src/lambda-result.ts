/** An Invoke's answer, read as the corpus states Lambda's: a payload, or a function error. */
import type { InvokeCommandOutput } from "@aws-sdk/client-lambda";

export type LambdaResult =
  | { payload: unknown }
  | { functionError: string; errorType: unknown; errorMessage: unknown };

export function lambdaResult(output: InvokeCommandOutput): LambdaResult {
  const body = JSON.parse(new TextDecoder().decode(output.Payload)) as unknown;
  if (output.FunctionError === undefined) return { payload: body };
  const { errorType, errorMessage } = (body ?? {}) as Record<string, unknown>;
  return { functionError: output.FunctionError, errorType, errorMessage };
}

export const logTail = (output: InvokeCommandOutput) =>
  Buffer.from(output.LogResult ?? "", "base64").toString("utf8");

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** An expected error message as a pattern: `{requestId}` matches any request id. */
export const messagePattern = (expected: string) =>
  new RegExp(`^${escapeRegExp(expected).replaceAll(escapeRegExp("{requestId}"), UUID)}$`);

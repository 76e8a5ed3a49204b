import { randomBytes, randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

/** Stands in for the account id in ARNs, as local AWS emulators commonly do. */
export const LOCAL_ACCOUNT_ID = "000000000000";

export interface FunctionIdentity {
  functionName: string;
  functionVersion: string;
  memoryMb: number;
  region: string;
}

/** The parts of an invocation's context that are plain data, sent to the runner process as they are. */
export interface InvocationInfo extends FunctionIdentity {
  awsRequestId: string;
  logStreamName: string;
  /** Epoch milliseconds at which the function times out. */
  deadlineMs: number;
}

/** Lambda's log stream name: date, version, and a random instance id. */
export function logStreamName(version: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[${version}]${randomBytes(16).toString("hex")}`;
}

export function newInvocation(
  identity: FunctionIdentity,
  timeoutSeconds: number,
  stream: string,
): InvocationInfo {
  return {
    ...identity,
    awsRequestId: randomUUID(),
    logStreamName: stream,
    deadlineMs: Date.now() + timeoutSeconds * 1000,
  };
}

/** The context object Lambda's Node.js runtime passes to a handler. */
export function lambdaContext(info: InvocationInfo): Context {
  const unsupported = () => {
    throw new Error(
      "context.done/succeed/fail were removed from Lambda's Node.js runtimes; return or use the callback",
    );
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: info.functionName,
    functionVersion: info.functionVersion,
    invokedFunctionArn: `arn:aws:lambda:${info.region}:${LOCAL_ACCOUNT_ID}:function:${info.functionName}`,
    memoryLimitInMB: String(info.memoryMb),
    awsRequestId: info.awsRequestId,
    logGroupName: `/aws/lambda/${info.functionName}`,
    logStreamName: info.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, info.deadlineMs - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

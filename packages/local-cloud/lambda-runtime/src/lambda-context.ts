import { randomBytes } from "node:crypto";

/** Stands in for the account id in ARNs, as local AWS emulators commonly do. */
export const LOCAL_ACCOUNT_ID = "000000000000";

/** Which function (and version) an instance runs, and where. */
export interface FunctionIdentity {
  functionName: string;
  functionVersion: string;
  region: string;
}

/** The parts of an invocation's context that are plain data, sent to the runner process as they are. */
export interface InvocationInfo extends FunctionIdentity {
  memoryMb: number;
  awsRequestId: string;
  /** The ARN the caller named: with the alias or version it used, if any. */
  invokedFunctionArn: string;
  logStreamName: string;
  logGroupName: string;
  /** Epoch milliseconds at which the function times out. */
  deadlineMs: number;
  /** The X-Ray trace header the invocation came with: the runner sets it as `_X_AMZN_TRACE_ID`. */
  traceHeader?: string;
}

/** Where Lambda sends a function's logs unless its LoggingConfig names another group. */
export const defaultLogGroup = (functionName: string) => `/aws/lambda/${functionName}`;

export const functionArn = (identity: Pick<FunctionIdentity, "functionName" | "region">) =>
  `arn:aws:lambda:${identity.region}:${LOCAL_ACCOUNT_ID}:function:${identity.functionName}`;

/** Lambda's log stream name: date, version, and a random instance id. */
export function logStreamName(version: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[${version}]${randomBytes(16).toString("hex")}`;
}

/** The data half of the context a handler gets; nodejs22.x adds the callback half (callback-context.ts). */
export interface InvocationData {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  clientContext: undefined;
  identity: undefined;
  xRayTraceId?: string;
  getRemainingTimeInMillis(): number;
}

/**
 * The context's data, as both clients build it from the invoke's headers and the environment (3.x
 * src/InvokeContext.js, 4.x src/context/context-builder.ts). The remaining time is not clamped at zero, as
 * neither client clamps it; 4.x also gives the X-Ray trace id.
 */
export function invocationData(info: InvocationInfo, withTraceId: boolean): InvocationData {
  return {
    clientContext: undefined,
    identity: undefined,
    functionName: info.functionName,
    functionVersion: info.functionVersion,
    invokedFunctionArn: info.invokedFunctionArn,
    memoryLimitInMB: String(info.memoryMb),
    awsRequestId: info.awsRequestId,
    logGroupName: info.logGroupName,
    logStreamName: info.logStreamName,
    ...(withTraceId && { xRayTraceId: info.traceHeader }),
    getRemainingTimeInMillis: () => info.deadlineMs - Date.now(),
  };
}

// The Invoke operation's request and answer, as the service's `invoke` and its REST API share them.

export interface InvokeRequest {
  functionName: string;
  qualifier?: string;
  payload: Buffer;
  invocationType?: "RequestResponse" | "Event" | "DryRun";
  logType?: "None" | "Tail";
  /** The caller's X-Ray trace header, handed to the function as `_X_AMZN_TRACE_ID`. */
  traceHeader?: string;
}

export interface InvokeResult {
  statusCode: 200 | 202 | 204;
  payload: Buffer;
  functionError?: "Unhandled";
  executedVersion: string;
  logResult?: string;
}

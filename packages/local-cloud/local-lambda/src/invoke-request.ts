// The Invoke operation's request and answer, as the service's `invoke` and its REST API share them.

/**
 * An event its caller built and serialised itself (API Gateway's integration): `json` goes to the function
 * as it is, which gets JSON.parse of it; `value` is what it was serialised from, for the service's own
 * records only (an undefined property there is an absent one in `json`).
 */
export interface SerializedEvent {
  json: string;
  value: unknown;
}

export interface InvokeRequest {
  functionName: string;
  qualifier?: string;
  /** The Invoke API's body, parsed and checked as JSON here; or an event already serialised by its caller. */
  payload: Buffer | SerializedEvent;
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

/**
 * An error of the Lambda API: `name` is AWS's error type, which the HTTP API sends as x-amzn-ErrorType so
 * that the SDK raises its own class for it.
 */
export class LambdaApiError extends Error {
  readonly reason?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    override readonly name: string,
    readonly status: number,
    message: string,
    throttle: { reason?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    if (throttle.reason !== undefined) this.reason = throttle.reason;
    if (throttle.retryAfterSeconds !== undefined) this.retryAfterSeconds = throttle.retryAfterSeconds;
  }
}

export const resourceNotFound = (message: string) =>
  new LambdaApiError("ResourceNotFoundException", 404, message);

export const functionNotFound = (arn: string) => resourceNotFound(`Function not found: ${arn}`);

export const resourceConflict = (message: string) =>
  new LambdaApiError("ResourceConflictException", 409, message);

export const invalidParameter = (message: string) =>
  new LambdaApiError("InvalidParameterValueException", 400, message);

export const invalidRequestContent = (message: string) =>
  new LambdaApiError("InvalidRequestContentException", 400, message);

/** Invoke's answer for a function whose runtime cannot run (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html). */
export const invalidRuntime = (message: string) =>
  new LambdaApiError("InvalidRuntimeException", 502, message);

export const preconditionFailed = (message: string) =>
  new LambdaApiError("PreconditionFailedException", 412, message);

export type ThrottleReason =
  | "ConcurrentInvocationLimitExceeded"
  | "ReservedFunctionConcurrentInvocationLimitExceeded";

export const tooManyRequests = (reason: ThrottleReason) =>
  new LambdaApiError("TooManyRequestsException", 429, "Rate Exceeded.", { reason, retryAfterSeconds: 1 });

export const requestTooLarge = (limit: number) =>
  new LambdaApiError(
    "RequestEntityTooLargeException",
    413,
    `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
  );

// The model spells the message member "Message" for these and "message" for the rest.
const CAPITALISED_MESSAGE = new Set([
  "InvalidRuntimeException",
  "ResourceNotFoundException",
  "ServiceException",
]);

/** The error as AWS sends it: status, x-amzn-ErrorType, a JSON body with Type and the message. */
export function errorResponse(error: unknown): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const known =
    error instanceof LambdaApiError
      ? error
      : new LambdaApiError("ServiceException", 500, `Internal error: ${(error as Error).message ?? error}`);
  const messageKey = CAPITALISED_MESSAGE.has(known.name) ? "Message" : "message";
  const body = {
    Type: known.status >= 500 ? "Service" : "User",
    [messageKey]: known.message,
    ...(known.reason !== undefined && { Reason: known.reason }),
  };
  const headers: Record<string, string> = {
    "x-amzn-ErrorType": known.name,
    ...(known.retryAfterSeconds !== undefined && { "Retry-After": String(known.retryAfterSeconds) }),
  };
  return { status: known.status, headers, body: JSON.stringify(body) };
}

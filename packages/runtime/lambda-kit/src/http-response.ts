import type { ErrorBody } from "@holonet/contracts/error-body";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { HttpError } from "./errors";
import { errorFields, type Logger } from "./logger";

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * The error model: an HttpError answers with its own status and body; anything else is a 500 whose body
 * names only the request id, while the whole error goes to the log.
 */
export function errorResponse(error: unknown, requestId: string, log: Logger): HttpResponse {
  if (error instanceof HttpError) {
    if (error.status >= 500) log.error(error.message, errorFields(error.cause ?? error));
    return jsonResponse(error.status, error.toBody());
  }
  log.error("Unhandled error", errorFields(error));
  const body: ErrorBody = {
    error: {
      code: "INTERNAL_ERROR",
      message: `Internal error; quote request id ${requestId} when reporting it`,
    },
  };
  return jsonResponse(500, body);
}

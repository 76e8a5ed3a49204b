import type { ErrorBody } from "@holonet/contracts/error-body";

type Details = NonNullable<ErrorBody["error"]["details"]>;

/**
 * An error the caller is allowed to see: its status, code and message go out as they are.
 * Anything that is not an HttpError answers 500 with a generic message (see http-response.ts).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Details,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.details && { details: this.details }) },
    };
  }
}

export class BadRequestError extends HttpError {
  constructor(code: string, message: string, details?: Details) {
    super(400, code, message, details);
  }
}

export class ValidationError extends HttpError {
  constructor(details: Details) {
    const first = details[0];
    const summary = first ? `${first.path}: ${first.message}` : "invalid request";
    const more = details.length > 1 ? ` (and ${details.length - 1} more)` : "";
    super(400, "VALIDATION_FAILED", `Invalid request: ${summary}${more}`, details);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message: string) {
    super(403, "FORBIDDEN", message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, "NOT_FOUND", message);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(message: string) {
    super(415, "UNSUPPORTED_MEDIA_TYPE", message);
  }
}

/** A dependency (S3) could not be reached or failed on its side; the caller may retry. */
export class ServiceUnavailableError extends HttpError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(503, "SERVICE_UNAVAILABLE", message);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

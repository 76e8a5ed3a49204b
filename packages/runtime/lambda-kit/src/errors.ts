import type { ErrorBody } from "@holonet/contracts/error-body";
import { toWellFormedText } from "@holonet/contracts/text";

type Details = NonNullable<ErrorBody["error"]["details"]>;

/**
 * An error the caller is allowed to see: its status, code and message go out as they are.
 * Anything that is not an HttpError answers 500 with a generic message (see http-response.ts).
 *
 * Its text is made well-formed, as the error body's contract requires: it can quote the request (zod names
 * an unknown key as sent) or cut it mid-pair (JSON.parse's message shows a slice of the body), and either
 * can leave a lone surrogate.
 */
export class HttpError extends Error {
  readonly details?: Details;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    details?: Details,
  ) {
    super(toWellFormedText(message));
    this.name = new.target.name;
    if (details)
      this.details = details.map((detail) => ({
        path: toWellFormedText(detail.path),
        message: toWellFormedText(detail.message),
      }));
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

import { BadRequestError, UnsupportedMediaTypeError } from "./errors";
import type { HttpRequest } from "./http-event";

const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]*\+)?json$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The request's body as parsed JSON (still to be validated against a contract).
 * A request without a Content-Type is read as JSON; one that names another media type is refused with 415.
 */
export function readJsonBody(request: HttpRequest): unknown {
  const contentType = request.headers["content-type"];
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType && !JSON_MEDIA_TYPE.test(mediaType)) {
    throw new UnsupportedMediaTypeError(`Content-Type must be application/json, not ${mediaType}`);
  }
  if (!request.body || request.body.length === 0) {
    throw new BadRequestError("BODY_REQUIRED", "A JSON body is required");
  }
  let text: string;
  try {
    text = utf8.decode(request.body);
  } catch {
    throw new BadRequestError("INVALID_ENCODING", "The body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError("INVALID_JSON", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

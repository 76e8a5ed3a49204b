/**
 * Which bodies OpenWhisk carries as base64. Its controller (core/controller/.../WebActions.scala) base64-encodes
 * a raw web action's request body when Akka HTTP calls the media type binary or it is `application/json`, and
 * passes any other body as a plain string; for a response it decodes a binary type's body from base64
 * (https://github.com/apache/openwhisk/blob/master/docs/webactions.md, "Raw HTTP handling" and "Handling HTTP
 * requests with actions": "A JSON object or array is treated as binary data and must be base64 encoded").
 */

/** Akka's registered application types with an open charset, so not binary. */
const TEXT_APPLICATION_TYPES = new Set([
  "application/javascript",
  "application/x-www-form-urlencoded",
  "application/xml",
  "application/xhtml+xml",
]);

/**
 * Whether OpenWhisk carries a body of this Content-Type as base64. Akka reads an unregistered type as
 * binary unless it names a charset; a body sent with no Content-Type reaches Akka as
 * `application/octet-stream`, binary too.
 */
export function isBase64Body(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const [type = "", ...parameters] = contentType.split(";").map((part) => part.trim().toLowerCase());
  if (type === "application/json") return true;
  if (type.startsWith("text/") || TEXT_APPLICATION_TYPES.has(type)) return false;
  return !parameters.some((parameter) => parameter.startsWith("charset="));
}

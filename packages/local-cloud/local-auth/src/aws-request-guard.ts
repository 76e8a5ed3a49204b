import type { IncomingMessage, ServerResponse } from "node:http";
import { type AwsProtocol, protocolError, type Refusal, signatureRefusal } from "./aws-refusals";
import { FOREIGN_HOST_MESSAGE, isLoopbackHost } from "./loopback-host";
import { type KeyRing, sha256Hex, verifySignature } from "./signature-v4";

/** One of the local cloud's AWS API endpoints: who may call it, and how it says no. */
export interface AwsEndpoint {
  protocol: AwsProtocol;
  /** The signing name: lambda, s3, logs, cloudformation. */
  service: string;
  region: string;
  keys: KeyRing;
  /** Whether a body of this content type is the protocol's; undefined accepts any (S3 stores what it is sent). */
  acceptsContentType?: (contentType: string, request: IncomingMessage) => boolean;
  now?: () => number;
}

/** The refusal of a request whose Host header does not name loopback (DNS rebinding), for any endpoint. */
export function foreignHostRefusal(request: IncomingMessage): Refusal | undefined {
  if (isLoopbackHost(request.headers.host)) return undefined;
  return {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: FOREIGN_HOST_MESSAGE,
  };
}

const mediaType = (contentType: string) => contentType.split(";")[0]?.trim().toLowerCase() ?? "";

/** Lambda's control operations speak JSON; Invoke takes any payload, as on AWS. */
export const lambdaContentTypes = (contentType: string, request: IncomingMessage) =>
  /\/invocations\/?(\?|$)/.test(request.url ?? "") || mediaType(contentType) === "application/json";
export const json11ContentTypes = (contentType: string) =>
  mediaType(contentType) === "application/x-amz-json-1.1";
export const queryContentTypes = (contentType: string) =>
  mediaType(contentType) === "application/x-www-form-urlencoded";

/**
 * Everything an AWS API endpoint checks before it acts: a loopback Host, a valid Signature Version 4 by one
 * of the endpoint's credentials (a browser cannot make one, so no web page gets past this), and a body of
 * the protocol's content type. `body` is the whole request body, for services that sign its hash; S3's
 * requests carry their hash in x-amz-content-sha256 and pass none.
 */
export function checkAwsRequest(
  endpoint: AwsEndpoint,
  request: IncomingMessage,
  body?: Buffer,
): Refusal | undefined {
  const host = foreignHostRefusal(request);
  if (host) return host;
  const verdict = verifySignature(
    {
      method: request.method ?? "GET",
      url: request.url ?? "/",
      rawHeaders: request.rawHeaders,
      ...(body !== undefined && { payloadHash: sha256Hex(body) }),
    },
    endpoint.keys,
    { service: endpoint.service, region: endpoint.region },
    endpoint.now?.() ?? Date.now(),
  );
  if (!verdict.ok) return signatureRefusal(endpoint.protocol, verdict.problem, verdict.message);
  const contentType = request.headers["content-type"];
  if (
    body &&
    body.length > 0 &&
    endpoint.acceptsContentType &&
    !endpoint.acceptsContentType(contentType ?? "", request)
  )
    return contentTypeRefusal(endpoint.protocol, contentType);
  return undefined;
}

function contentTypeRefusal(protocol: AwsProtocol, contentType: string | undefined): Refusal {
  const given = contentType ? `'${contentType}'` : "none";
  switch (protocol) {
    case "rest-json":
      return protocolError(
        protocol,
        "UnsupportedMediaTypeException",
        415,
        `The content type ${given} is not application/json.`,
      );
    case "json-1.1":
      return protocolError(
        protocol,
        "SerializationException",
        400,
        `The content type ${given} is not application/x-amz-json-1.1.`,
      );
    default:
      return protocolError(
        protocol,
        "InvalidParameterValue",
        400,
        `The content type ${given} is not application/x-www-form-urlencoded.`,
      );
  }
}

export function sendRefusal(response: ServerResponse, refusal: Refusal): void {
  response.writeHead(refusal.status, {
    ...refusal.headers,
    "content-length": String(Buffer.byteLength(refusal.body)),
  });
  response.end(refusal.body);
}

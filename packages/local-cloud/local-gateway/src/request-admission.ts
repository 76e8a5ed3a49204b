import { isLoopbackHost } from "@holonet/local-auth/loopback-host";
import { FORBIDDEN_HOST, type GatewayError, HEADERS_TOO_LARGE, TOO_MANY_REQUESTS } from "./gateway-errors";
import type { TokenBucket } from "./throttle";

/** "Total combined size of request line and header values 10240 bytes": https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html */
const REQUEST_LINE_AND_HEADER_VALUES_LIMIT = 10240;

/** What admission looks at: the request line and headers, before any routing. */
export interface RequestHead {
  method: string;
  url: string;
  /** Node's `rawHeaders`: name, value, name, value... */
  rawHeaders: readonly string[];
  host: string | undefined;
}

/** The gateway's refusal of a request it will not route, with any header the answer needs besides. */
export interface Refusal {
  error: GatewayError;
  headers?: Record<string, string>;
}

/**
 * Whether the API takes the request at all: its throttle first (every request takes a token, as on AWS),
 * then the size of its request line and headers, then its host. Null when it is admitted.
 */
export function admit(bucket: TokenBucket, head: RequestHead): Refusal | null {
  if (!bucket.take()) return { error: TOO_MANY_REQUESTS };
  if (requestLineAndHeaderValuesSize(head) > REQUEST_LINE_AND_HEADER_VALUES_LIMIT) {
    return { error: HEADERS_TOO_LARGE, headers: { connection: "close" } };
  }
  if (!isLoopbackHost(head.host)) return { error: FORBIDDEN_HOST };
  return null;
}

export function requestLineAndHeaderValuesSize({ method, url, rawHeaders }: RequestHead): number {
  let size = method.length + url.length;
  for (let i = 1; i < rawHeaders.length; i += 2) size += (rawHeaders[i] as string).length;
  return size;
}

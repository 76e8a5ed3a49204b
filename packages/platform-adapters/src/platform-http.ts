import type { FunctionName } from "@holonet/contracts/functions";
import type { HttpRequest } from "@holonet/lambda-kit/http-event";
import type { HttpResponse } from "@holonet/lambda-kit/http-response";
import type { Logger } from "@holonet/lambda-kit/logger";

/** A service's HTTP side, as its `createApp(deps)` gives it: the same code Lambda runs. */
export interface HttpApp {
  http: (request: HttpRequest, log: Logger) => Promise<HttpResponse>;
}

/** What every adapter needs: which service it serves (for its routes), the service, and where to log. */
export interface AdapterOptions {
  service: FunctionName;
  app: HttpApp;
  logger: Logger;
}

/** A request as an adapter has read it from its platform, before routing. */
export interface PlatformRequest {
  /** Upper case, as HTTP sends it. */
  method: string;
  rawPath: string;
  rawQuery: string;
  /** Names in lower case; a repeated header's values joined with commas. */
  headers: Record<string, string>;
  /** The raw body bytes, or undefined when the request had none. */
  body: Buffer | undefined;
  /** The platform's id for this execution (activation, execution id), for the logs and a 500's body. */
  requestId: string;
}

/** An answer in plain bytes, for the adapter to write in its platform's shape. */
export interface PlatformResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Node's header object (arrays for repeated headers) in the shape the services read. */
export function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return flat;
}

import type { ServiceApp, WiredService } from "@holonet/lambda-kit/service-app";

/**
 * What every HTTP adapter needs: which service it serves (for its routes), the service's HTTP side, and
 * where to log. A service wired from its environment is one.
 */
export interface AdapterOptions extends Omit<WiredService<unknown>, "app"> {
  app: Pick<ServiceApp<unknown>, "http">;
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

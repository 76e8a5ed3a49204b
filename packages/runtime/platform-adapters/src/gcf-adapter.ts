import { type HttpFunction, http } from "@google-cloud/functions-framework";
import { expressHandler } from "./express-adapter";
import type { AdapterOptions } from "./platform-http";

/**
 * A Google Cloud Functions (Cloud Run functions) HTTP function serving the service, registered with the
 * Functions Framework under `name` (the `--target`), as its declarative API does:
 * https://cloud.google.com/functions/docs/writing/write-http-functions
 */
export function gcfHttpFunction(name: string, options: AdapterOptions): HttpFunction {
  const handler: HttpFunction = expressHandler(options);
  http(name, handler);
  return handler;
}

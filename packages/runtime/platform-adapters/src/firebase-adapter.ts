import { type HttpsFunction, type HttpsOptions, onRequest } from "firebase-functions/v2/https";
import { expressHandler } from "./express-adapter";
import type { AdapterOptions } from "./platform-http";

/**
 * A Firebase HTTPS function (v2, `onRequest`) serving the service. Firebase runs it on Cloud Run with
 * the same Express request as Cloud Functions, `rawBody` included:
 * https://firebase.google.com/docs/functions/http-events
 */
export function firebaseHttpsFunction(
  options: AdapterOptions,
  httpsOptions: HttpsOptions = {},
): HttpsFunction {
  return onRequest(httpsOptions, expressHandler(options));
}

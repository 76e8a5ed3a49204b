import type { FunctionName } from "@holonet/contracts/functions";
import type { HttpRequest } from "./http-event";
import type { HttpResponse } from "./http-response";
import type { Logger } from "./logger";

/**
 * A service with no platform around it, as its `createApp(deps)` gives it: the same code Lambda's handler
 * and every other platform's adapter run.
 */
export interface ServiceApp<TOutput> {
  /** Answers an HTTP request (API Gateway's, or a platform's read as API Gateway would hand it over). */
  http: (request: HttpRequest, log: Logger) => Promise<HttpResponse>;
  /** Answers a direct invocation with the function's own input object. */
  direct: (input: unknown, log: Logger) => Promise<TOutput>;
}

/** A service wired from its environment: which function it is, its app and its logger. */
export interface WiredService<TOutput> {
  service: FunctionName;
  app: ServiceApp<TOutput>;
  logger: Logger;
}

/** Where a service is wired to run, which decides what its environment must hold. */
export interface WiringOptions {
  /**
   * On Lambda the SDK finds its credentials and endpoints itself (the function's role); anywhere else the
   * environment must name them.
   */
  platform: "lambda" | "elsewhere";
  /** Where log lines go instead of stdout: IronWorker keeps stdout for the answer alone. */
  writeLog?: (line: string) => void;
}

import type { Context } from "aws-lambda";
import { HttpError } from "./errors";
import { type HttpRequest, isHttpApiEvent, toHttpRequest } from "./http-event";
import { errorResponse, type HttpResponse } from "./http-response";
import { withInvocationLogger } from "./invocation-scope";
import { coldStartTracker, errorFields, invocationFields, type Logger } from "./logger";
import { invocationMetricsLine, qualifierOf } from "./metrics";

export interface LambdaHandlerOptions<TOutput> {
  logger: Logger;
  /** Answers an API Gateway HTTP API request (payload format 2.0). Thrown errors go through the error model. */
  http: (request: HttpRequest, log: Logger) => Promise<HttpResponse>;
  /**
   * Answers a direct invocation (Lambda Invoke API) with the function's own input object.
   * A thrown error fails the invocation: Lambda reports its name as errorType and its message as errorMessage.
   */
  direct: (input: unknown, log: Logger) => Promise<TOutput>;
  /** Where Lambda's per-invocation variables are read (`_X_AMZN_TRACE_ID`); process.env unless a test says. */
  environment?: () => Record<string, string | undefined>;
  /** Where the metrics line goes: standard output, where Lambda hands it to CloudWatch Logs. */
  writeMetrics?: (line: string) => void;
}

export type LambdaHandler<TOutput> = (event: unknown, context: Context) => Promise<HttpResponse | TOutput>;

const toStdout = (line: string) => {
  process.stdout.write(`${line}\n`);
};

/** One handler for both event sources a Holonet function serves; each invocation ends with its metrics line. */
export function lambdaHandler<TOutput>(options: LambdaHandlerOptions<TOutput>): LambdaHandler<TOutput> {
  // One handler per module load, so per instance: its first invocation is the cold start.
  const isColdStart = coldStartTracker();
  const environment = options.environment ?? (() => process.env);
  const writeMetrics = options.writeMetrics ?? toStdout;

  return async (event, context) => {
    const started = performance.now();
    const coldStart = isColdStart();
    const http = isHttpApiEvent(event);
    const request = http ? toHttpRequest(event) : undefined;
    const fields = invocationFields({
      requestId: context.awsRequestId,
      coldStart,
      traceEnv: environment()._X_AMZN_TRACE_ID,
      traceHeader: request?.headers["x-amzn-trace-id"],
    });
    const log = options.logger.with(fields);
    let failed = true;
    try {
      const result = request
        ? await withInvocationLogger(log, () => answerHttp(options, request, log))
        : await withInvocationLogger(log, () => answerDirect(options, event, log));
      failed = request !== undefined && (result as HttpResponse).statusCode >= 500;
      return result;
    } finally {
      writeMetrics(
        invocationMetricsLine({
          service: options.logger.service,
          qualifier: qualifierOf(context.invokedFunctionArn),
          failed,
          coldStart,
          durationMs: performance.now() - started,
          timestamp: Date.now(),
          properties: fields,
        }),
      );
    }
  };
}

async function answerHttp<T>(options: LambdaHandlerOptions<T>, request: HttpRequest, log: Logger) {
  const httpLog = log.with({ apiRequestId: request.requestId, route: request.routeKey });
  try {
    return await options.http(request, httpLog);
  } catch (error) {
    return errorResponse(error, request.requestId, httpLog);
  }
}

function answerDirect<T>(options: LambdaHandlerOptions<T>, input: unknown, log: Logger): Promise<T> {
  return options.direct(input, log).catch((error: unknown) => {
    // A refusal (a 4xx over HTTP) is the caller's business; anything else is ours, logged in full.
    if (error instanceof HttpError && error.status < 500)
      log.info("Invocation refused", { code: error.code });
    else log.error("Invocation failed", errorFields(error));
    throw error;
  });
}

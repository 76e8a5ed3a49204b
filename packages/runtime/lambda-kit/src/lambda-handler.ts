import type { Context } from "aws-lambda";
import { answerDirect, answerHttp } from "./answer-invocation";
import { isHttpApiEvent, toHttpRequest } from "./http-event";
import type { HttpResponse } from "./http-response";
import { coldStartTracker, invocationFields, type Logger } from "./logger";
import { invocationMetricsLine, qualifierOf } from "./metrics";
import type { ServiceApp } from "./service-app";

/**
 * The service's app (`http` answers an API Gateway HTTP API request, payload format 2.0; `direct` a Lambda
 * Invoke API call, whose thrown error Lambda reports as errorType and errorMessage) and the handler's own settings.
 */
export interface LambdaHandlerOptions<TOutput> extends ServiceApp<TOutput> {
  logger: Logger;
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
        ? await answerHttp(
            options,
            request,
            log.with({ apiRequestId: request.requestId, route: request.routeKey }),
          )
        : await answerDirect(options, event, log);
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

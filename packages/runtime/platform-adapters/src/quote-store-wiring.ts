import { S3Client } from "@aws-sdk/client-s3";
import type { FunctionName } from "@holonet/contracts/functions";
import * as z from "@holonet/contracts/zod";
import { logAwsCallSpans } from "@holonet/lambda-kit/aws-call-spans";
import { createLogger, type Logger, parseLogLevel } from "@holonet/lambda-kit/logger";
import type { WiringOptions } from "@holonet/lambda-kit/service-app";
import { parseEnvironment } from "@holonet/lambda-kit/validate";
import type { QuoteStore } from "@holonet/quote-store/quote-store";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import { StoreEnvironment } from "@holonet/quote-store/store-environment";
import { S3ElsewhereEnvironment } from "./s3-elsewhere";

/**
 * What store-save and store-get both build from their environment, once per instance: the data bucket's
 * store and the logger. On Lambda the SDK takes its endpoint and credentials from its own settings
 * (AWS_ENDPOINT_URL_S3 for a local S3, the function's role), and each S3 call is logged as a span of the
 * invocation's trace. Anywhere else no role gives the SDK credentials and no default endpoint is right,
 * so the S3-compatible endpoint and keys must be in the environment (docs/platforms.md); a missing one
 * stops the start with its name.
 */
export function quoteStoreFromEnvironment(
  service: FunctionName,
  { platform, writeLog }: WiringOptions,
  env: NodeJS.ProcessEnv = process.env,
): { store: QuoteStore; logger: Logger } {
  const config = parseEnvironment(
    platform === "lambda" ? StoreEnvironment : z.extend(StoreEnvironment, S3ElsewhereEnvironment.shape),
    env,
  );
  const logger = createLogger({
    service,
    level: parseLogLevel(config.LOG_LEVEL),
    ...(writeLog && { write: writeLog }),
  });
  const client = new S3Client({});
  const store = s3QuoteStore(
    platform === "lambda" ? logAwsCallSpans(client, logger) : client,
    config.DATA_BUCKET,
  );
  return { store, logger };
}

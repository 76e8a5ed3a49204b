import { S3Client } from "@aws-sdk/client-s3";
import { logAwsCallSpans } from "@holonet/lambda-kit/aws-call-spans";
import { createLogger, parseLogLevel } from "@holonet/lambda-kit/logger";
import { parseEnvironment } from "@holonet/lambda-kit/validate";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import { StoreEnvironment } from "@holonet/quote-store/store-environment";
import { createHandler } from "./app";

const env = parseEnvironment(StoreEnvironment);

// Created once per cold start and reused by every invocation of this instance. The endpoint and
// credentials come from the SDK's own settings (AWS_ENDPOINT_URL_S3 for a local S3): no branch here.
const logger = createLogger({ service: "store-get", level: parseLogLevel(env.LOG_LEVEL) });

export const handler = createHandler({
  // Each S3 call is logged as a span of the invocation's trace.
  store: s3QuoteStore(logAwsCallSpans(new S3Client({}), logger), env.DATA_BUCKET),
  logger,
});

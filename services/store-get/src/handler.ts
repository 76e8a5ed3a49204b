import { S3Client } from "@aws-sdk/client-s3";
import { createLogger, parseLogLevel } from "@holonet/lambda-kit/logger";
import { parseEnvironment } from "@holonet/lambda-kit/validate";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import { StoreEnvironment } from "@holonet/quote-store/store-environment";
import { createHandler } from "./app";

const env = parseEnvironment(StoreEnvironment);

// Created once per cold start and reused by every invocation of this instance. The endpoint and
// credentials come from the SDK's own settings (AWS_ENDPOINT_URL_S3 for a local S3): no branch here.
export const handler = createHandler({
  store: s3QuoteStore(new S3Client({}), env.DATA_BUCKET),
  logger: createLogger({ service: "store-get", level: parseLogLevel(env.LOG_LEVEL) }),
});

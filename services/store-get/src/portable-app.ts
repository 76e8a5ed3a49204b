import { S3Client } from "@aws-sdk/client-s3";
import { createLogger, parseLogLevel } from "@holonet/lambda-kit/logger";
import { parseEnvironment } from "@holonet/lambda-kit/validate";
import type { AdapterOptions } from "@holonet/platform-adapters/platform-http";
import { S3ElsewhereEnvironment } from "@holonet/platform-adapters/s3-elsewhere";
import { s3QuoteStore } from "@holonet/quote-store/s3-quote-store";
import { StoreEnvironment } from "@holonet/quote-store/store-environment";
import { createApp, type StoreGetApp } from "./app";

/**
 * store-get wired for the platforms other than Lambda (handler.ts wires it for Lambda). Off AWS no role gives
 * the SDK credentials and no default endpoint is right, so the S3-compatible endpoint and keys must be in
 * the environment (docs/platforms.md); a missing one stops the start with its name. `write` sends the log
 * lines elsewhere than stdout.
 */
export function portableApp(write?: (line: string) => void): AdapterOptions & { app: StoreGetApp } {
  const env = parseEnvironment(StoreEnvironment.extend(S3ElsewhereEnvironment.shape));
  // Created once per instance; the SDK reads the endpoint, keys and checksum settings from the environment.
  const store = s3QuoteStore(new S3Client({}), env.DATA_BUCKET);
  return {
    service: "store-get",
    app: createApp({ store }),
    logger: createLogger({
      service: "store-get",
      level: parseLogLevel(env.LOG_LEVEL),
      ...(write && { write }),
    }),
  };
}

/// <reference path="./starwars.d.ts" />
import type { QuoteOutput } from "@holonet/contracts/quote";
import { createLogger, parseLogLevel } from "@holonet/lambda-kit/logger";
import type { WiredService, WiringOptions } from "@holonet/lambda-kit/service-app";
import starwars from "starwars";
import { createApp } from "./app";

/**
 * quote wired from its environment, the same on every platform (handler.ts for Lambda, one entry for each
 * other): it needs nothing from it but LOG_LEVEL.
 */
export function wireQuote({ writeLog }: WiringOptions): WiredService<QuoteOutput> {
  return {
    service: "quote",
    app: createApp({ randomQuote: starwars }),
    logger: createLogger({
      service: "quote",
      level: parseLogLevel(process.env.LOG_LEVEL),
      ...(writeLog && { write: writeLog }),
    }),
  };
}

/// <reference path="./starwars.d.ts" />
import { createLogger, parseLogLevel } from "@holonet/lambda-kit/logger";
import type { AdapterOptions } from "@holonet/platform-adapters/platform-http";
import starwars from "starwars";
import { createApp, type QuoteApp } from "./app";

/**
 * quote wired for the platforms other than Lambda (handler.ts wires it for Lambda): it needs nothing from
 * its environment but LOG_LEVEL. `write` sends the log lines elsewhere than stdout.
 */
export function portableApp(write?: (line: string) => void): AdapterOptions & { app: QuoteApp } {
  return {
    service: "quote",
    app: createApp({ randomQuote: starwars }),
    logger: createLogger({
      service: "quote",
      level: parseLogLevel(process.env.LOG_LEVEL),
      ...(write && { write }),
    }),
  };
}

/// <reference path="./starwars.d.ts" />
import { createLogger, parseLogLevel } from "@holonet/lambda-kit/logger";
import starwars from "starwars";
import { createHandler } from "./app";

export const handler = createHandler({
  randomQuote: starwars,
  logger: createLogger({ service: "quote", level: parseLogLevel(process.env.LOG_LEVEL) }),
});

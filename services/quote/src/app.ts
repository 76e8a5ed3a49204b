import { QuoteInput, type QuoteOutput, QuoteQuery } from "@holonet/contracts/quote";
import { jsonResponse } from "@holonet/lambda-kit/http-response";
import { lambdaHandler } from "@holonet/lambda-kit/lambda-handler";
import type { Logger } from "@holonet/lambda-kit/logger";
import type { ServiceApp } from "@holonet/lambda-kit/service-app";
import { parseWith } from "@holonet/lambda-kit/validate";
import { quoteFor } from "./jedi-quote";

export interface QuoteDeps {
  randomQuote: () => string;
  logger: Logger;
}

/**
 * Direct invocation: `{"isJedi": true}` -> `{"quote"}`; anyone else fails the invocation with
 * "Sorry you can't get a quote". HTTP: `GET /quote?isJedi=true` -> 200; anyone else -> 403.
 */
export function createApp({ randomQuote }: Omit<QuoteDeps, "logger">): ServiceApp<QuoteOutput> {
  return {
    direct: async (input) => quoteFor(parseWith(QuoteInput, input, "input").isJedi === true, randomQuote),
    http: async (request) => {
      const query = parseWith(QuoteQuery, request.query, "query");
      return jsonResponse(200, quoteFor(query.isJedi === "true", randomQuote));
    },
  };
}

/** The Lambda function: both event sources through lambda-kit's handler. */
export function createHandler({ logger, ...deps }: QuoteDeps) {
  return lambdaHandler({ logger, ...createApp(deps) });
}

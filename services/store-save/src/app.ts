import { SaveQuoteInput, type SaveQuoteOutput } from "@holonet/contracts/store-save";
import { stagePath } from "@holonet/lambda-kit/http-event";
import { jsonResponse } from "@holonet/lambda-kit/http-response";
import { readJsonBody } from "@holonet/lambda-kit/json-body";
import { lambdaHandler } from "@holonet/lambda-kit/lambda-handler";
import type { Logger } from "@holonet/lambda-kit/logger";
import type { ServiceApp } from "@holonet/lambda-kit/service-app";
import { parseWith } from "@holonet/lambda-kit/validate";
import { type SaveDeps, saveQuote } from "./save-quote";

export interface StoreSaveDeps extends SaveDeps {
  logger: Logger;
}

/** `POST /quotes` -> 201 with the saved item and its Location; direct: the input object -> the saved item. */
export function createApp(deps: SaveDeps): ServiceApp<SaveQuoteOutput> {
  return {
    direct: (input) => saveQuote(parseWith(SaveQuoteInput, input, "input"), deps),
    http: async (request, log) => {
      const item = await saveQuote(parseWith(SaveQuoteInput, readJsonBody(request), "body"), deps);
      log.info("Quote saved", { id: item.id });
      return jsonResponse(201, item, { location: stagePath(request, `/quotes/${item.id}`) });
    },
  };
}

/** The Lambda function: both event sources through lambda-kit's handler. */
export function createHandler({ logger, ...deps }: StoreSaveDeps) {
  return lambdaHandler({ logger, ...createApp(deps) });
}

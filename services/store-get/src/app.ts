import type { SavedQuote } from "@holonet/contracts/saved-quote";
import { GetQuotePath, ListQuotesQuery, type QuotePage, StoreGetInput } from "@holonet/contracts/store-get";
import { NotFoundError } from "@holonet/lambda-kit/errors";
import type { HttpRequest } from "@holonet/lambda-kit/http-event";
import { type HttpResponse, jsonResponse } from "@holonet/lambda-kit/http-response";
import { lambdaHandler } from "@holonet/lambda-kit/lambda-handler";
import type { Logger } from "@holonet/lambda-kit/logger";
import type { ServiceApp } from "@holonet/lambda-kit/service-app";
import { parseWith } from "@holonet/lambda-kit/validate";
import type { QuoteStore } from "@holonet/quote-store/quote-store";
import { matchesIfNoneMatch, strongEtag } from "./etag";
import { getQuote, listQuotes } from "./read-quotes";

export interface StoreGetDeps {
  store: QuoteStore;
  logger: Logger;
}

/** Saved quotes never change: clients and caches may keep one for a year, and revalidate by ETag. */
const IMMUTABLE = "public, max-age=31536000, immutable";

async function answerOne(store: QuoteStore, request: HttpRequest): Promise<HttpResponse> {
  const { id } = parseWith(GetQuotePath, request.pathParameters, "path");
  const body = JSON.stringify(await getQuote(store, id));
  const etag = strongEtag(body);
  const headers = { etag, "cache-control": IMMUTABLE };
  if (matchesIfNoneMatch(request.headers["if-none-match"], etag)) return { statusCode: 304, headers };
  return { statusCode: 200, headers: { "content-type": "application/json", ...headers }, body };
}

async function answerPage(store: QuoteStore, request: HttpRequest): Promise<HttpResponse> {
  const query = parseWith(ListQuotesQuery, request.query, "query");
  const page = await listQuotes(store, {
    ...(query.limit && { limit: Number(query.limit) }),
    ...(query.cursor && { cursor: query.cursor }),
  });
  // New quotes arrive at the head of the list at any time.
  return jsonResponse(200, page, { "cache-control": "no-store" });
}

/** `GET /quotes/{id}` and `GET /quotes`; direct: `{"id"}` -> the item, `{"limit"?, "cursor"?}` -> a page. */
export function createApp({ store }: Pick<StoreGetDeps, "store">): ServiceApp<SavedQuote | QuotePage> {
  return {
    direct: async (input) => {
      const request = parseWith(StoreGetInput, input, "input");
      return "id" in request ? getQuote(store, request.id) : listQuotes(store, request);
    },
    http: async (request) => {
      switch (request.routeKey) {
        case "GET /quotes/{id}":
          return answerOne(store, request);
        case "GET /quotes":
          return answerPage(store, request);
        default:
          throw new NotFoundError(`store-get does not serve ${request.routeKey}`);
      }
    },
  };
}

/** The Lambda function: both event sources through lambda-kit's handler. */
export function createHandler({ logger, ...deps }: StoreGetDeps) {
  return lambdaHandler({ logger, ...createApp(deps) });
}

import { ErrorBody } from "./error-body";
import type { FunctionName } from "./functions";
import { QuoteOutput, QuoteQuery } from "./quote";
import { SavedQuote } from "./saved-quote";
import { GetQuotePath, ListQuotesQuery, QuotePage } from "./store-get";
import { SaveQuoteInput } from "./store-save";
import type * as z from "./zod";

export interface Route {
  method: "GET" | "POST";
  /** API Gateway path, with `{name}` for a path parameter. */
  path: string;
  function: FunctionName;
  summary: string;
  pathParameters?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  /** Every status the function answers on this route, with its body (null: none, as for 304). */
  responses: Record<number, z.ZodMiniType | null>;
}

/** The route table: declared once, read by the services, the local cloud, the docs and the infrastructure. */
export const ROUTES = [
  {
    method: "GET",
    path: "/quote",
    function: "quote",
    summary: "A random Star Wars quote, for a Jedi only.",
    query: QuoteQuery,
    responses: { 200: QuoteOutput, 400: ErrorBody, 403: ErrorBody },
  },
  {
    method: "POST",
    path: "/quotes",
    function: "store-save",
    summary: "Save a quote.",
    body: SaveQuoteInput,
    responses: { 201: SavedQuote, 400: ErrorBody, 415: ErrorBody, 503: ErrorBody },
  },
  {
    method: "GET",
    path: "/quotes/{id}",
    function: "store-get",
    summary: "One saved quote by id.",
    pathParameters: GetQuotePath,
    responses: { 200: SavedQuote, 304: null, 400: ErrorBody, 404: ErrorBody, 503: ErrorBody },
  },
  {
    method: "GET",
    path: "/quotes",
    function: "store-get",
    summary: "Saved quotes, newest first, a page at a time.",
    query: ListQuotesQuery,
    responses: { 200: QuotePage, 400: ErrorBody, 503: ErrorBody },
  },
] as const satisfies readonly Route[];

/** API Gateway's route key for a route: `GET /quotes/{id}`. */
export const routeKey = (route: Pick<Route, "method" | "path">) => `${route.method} ${route.path}`;

export type RouteKey = `${(typeof ROUTES)[number]["method"]} ${(typeof ROUTES)[number]["path"]}`;

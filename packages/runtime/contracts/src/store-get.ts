import * as z from "zod";
import { QuoteId, SavedQuote } from "./saved-quote";

export const LIST_DEFAULT_LIMIT = 20;
export const LIST_MAX_LIMIT = 100;

/** `GET /quotes/{id}` path parameters. */
export const GetQuotePath = z.object({ id: QuoteId }).meta({ id: "GetQuotePath" });

/** `GET /quotes?limit=N&cursor=C` query. Query values arrive as strings. */
export const ListQuotesQuery = z
  .object({
    limit: z
      .string()
      .regex(/^(100|[1-9][0-9]?)$/, { error: `limit must be a whole number from 1 to ${LIST_MAX_LIMIT}` })
      .optional()
      .describe(`Items per page, 1 to ${LIST_MAX_LIMIT}; ${LIST_DEFAULT_LIMIT} when absent.`),
    cursor: QuoteId.optional().describe("nextCursor of the previous page."),
  })
  .meta({ id: "ListQuotesQuery" });
export type ListQuotesQuery = z.infer<typeof ListQuotesQuery>;

/** Direct invocation input of store-get: one quote by id, or a page of the list. */
export const GetQuoteInput = z.strictObject({ id: QuoteId }).meta({ id: "GetQuoteInput" });
export const ListQuotesInput = z
  .strictObject({
    limit: z.int().min(1).max(LIST_MAX_LIMIT).optional(),
    cursor: QuoteId.optional(),
  })
  .meta({ id: "ListQuotesInput" });
export const StoreGetInput = z.union([GetQuoteInput, ListQuotesInput]).describe("A quote by id, or a page");
export type StoreGetInput = z.infer<typeof StoreGetInput>;

export const QuotePage = z
  .object({
    items: z.array(SavedQuote).describe("Newest first."),
    nextCursor: QuoteId.optional().describe("Present when there is a next page: pass it as cursor."),
  })
  .describe("A page of saved quotes")
  .meta({ id: "QuotePage" });
export type QuotePage = z.infer<typeof QuotePage>;

import { QuoteId, SavedQuote } from "./saved-quote";
import * as z from "./zod";

export const LIST_DEFAULT_LIMIT = 20;
export const LIST_MAX_LIMIT = 100;

/** `GET /quotes/{id}` path parameters. */
export const GetQuotePath = z.object({ id: QuoteId }).check(z.meta({ id: "GetQuotePath" }));

/** `GET /quotes?limit=N&cursor=C` query. Query values arrive as strings. */
export const ListQuotesQuery = z
  .object({
    limit: z
      .optional(
        z.string().check(
          z.regex(/^(100|[1-9][0-9]?)$/, {
            error: `limit must be a whole number from 1 to ${LIST_MAX_LIMIT}`,
          }),
        ),
      )
      .check(z.describe(`Items per page, 1 to ${LIST_MAX_LIMIT}; ${LIST_DEFAULT_LIMIT} when absent.`)),
    cursor: z.optional(QuoteId).check(z.describe("nextCursor of the previous page.")),
  })
  .check(z.meta({ id: "ListQuotesQuery" }));
export type ListQuotesQuery = z.infer<typeof ListQuotesQuery>;

/** Direct invocation input of store-get: one quote by id, or a page of the list. */
export const GetQuoteInput = z.strictObject({ id: QuoteId }).check(z.meta({ id: "GetQuoteInput" }));
export const ListQuotesInput = z
  .strictObject({
    limit: z.optional(z.int().check(z.minimum(1), z.maximum(LIST_MAX_LIMIT))),
    cursor: z.optional(QuoteId),
  })
  .check(z.meta({ id: "ListQuotesInput" }));
export const StoreGetInput = z
  .union([GetQuoteInput, ListQuotesInput])
  .check(z.describe("A quote by id, or a page"));
export type StoreGetInput = z.infer<typeof StoreGetInput>;

export const QuotePage = z
  .object({
    items: z.array(SavedQuote).check(z.describe("Newest first.")),
    nextCursor: z
      .optional(QuoteId)
      .check(z.describe("Present when there is a next page: pass it as cursor.")),
  })
  .check(z.describe("A page of saved quotes"), z.meta({ id: "QuotePage" }));
export type QuotePage = z.infer<typeof QuotePage>;

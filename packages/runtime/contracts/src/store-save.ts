import { AuthorName, QuoteText, SavedQuote } from "./saved-quote";
import * as z from "./zod";

/** `POST /quotes` body, and the direct invocation input of store-save. Unknown fields are refused. */
export const SaveQuoteInput = z
  .strictObject({
    quote: QuoteText,
    author: z.optional(AuthorName),
  })
  .check(z.describe("A quote to save"), z.meta({ id: "SaveQuoteInput" }));
export type SaveQuoteInput = z.infer<typeof SaveQuoteInput>;

/** 201 body of `POST /quotes` (with a Location header), and the direct invocation output. */
export const SaveQuoteOutput = SavedQuote;
export type SaveQuoteOutput = SavedQuote;

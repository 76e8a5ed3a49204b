import { wellFormedText } from "./text";
import * as z from "./zod";

export const QUOTE_MAX_LENGTH = 1000;
export const AUTHOR_MAX_LENGTH = 100;

/**
 * A quote id: a ULID (26 characters of Crockford base32: 48 bits of milliseconds, then 80 random bits).
 * URL-safe, unique without coordination and sortable by time. The first character is at most 7,
 * since 48 bits of time fill 10 characters with 2 bits to spare.
 */
export const QuoteId = z.string().check(
  z.regex(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/, {
    error: "must be a quote id: 26 characters of Crockford base32",
  }),
  z.describe("Quote id (a ULID: URL-safe, sortable by time)."),
  z.meta({ id: "QuoteId", examples: ["01JDQ3H7Y8ZK4M6N2P9R5T0VWX"] }),
);
export type QuoteId = z.infer<typeof QuoteId>;

const nonBlank = (field: string) => ({ error: `${field} must not be blank` });

export const QuoteText = wellFormedText(`The quote itself, 1 to ${QUOTE_MAX_LENGTH} characters.`).check(
  z.minLength(1),
  z.maxLength(QUOTE_MAX_LENGTH),
  z.regex(/\S/, nonBlank("quote")),
);

export const AuthorName = wellFormedText(`Who said it, 1 to ${AUTHOR_MAX_LENGTH} characters.`).check(
  z.minLength(1),
  z.maxLength(AUTHOR_MAX_LENGTH),
  z.regex(/\S/, nonBlank("author")),
);

/** A quote as stored in the data bucket and as every store route answers it. Saved quotes never change. */
export const SavedQuote = z
  .object({
    id: QuoteId,
    quote: QuoteText,
    author: z.optional(AuthorName),
    savedAt: z.iso.datetime().check(z.describe("When it was saved, ISO 8601 in UTC.")),
  })
  .check(z.describe("A saved quote"), z.meta({ id: "SavedQuote" }));
export type SavedQuote = z.infer<typeof SavedQuote>;

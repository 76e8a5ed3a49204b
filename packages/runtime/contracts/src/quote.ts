import { wellFormedText } from "./text";
import * as z from "./zod";

export const NOT_A_JEDI_MESSAGE = "Sorry you can't get a quote";

/** Direct invocation (Lambda Invoke API) input: the classic little lambda's `{"isJedi": true}`. */
export const QuoteInput = z
  .object({
    isJedi: z.optional(z.boolean()).check(z.describe("Only a Jedi gets a quote.")),
  })
  .check(z.describe("Quote request"), z.meta({ id: "QuoteInput" }));
export type QuoteInput = z.infer<typeof QuoteInput>;

/** `GET /quote?isJedi=true` */
export const QuoteQuery = z
  .object({
    isJedi: z
      .optional(z.enum(["true", "false"], { error: "isJedi must be true or false" }))
      .check(z.describe("`true` for a Jedi; anything else is refused.")),
  })
  .check(z.meta({ id: "QuoteQuery" }));
export type QuoteQuery = z.infer<typeof QuoteQuery>;

export const QuoteOutput = z
  .object({
    quote: wellFormedText("A random Star Wars quote.").check(z.minLength(1)),
  })
  .check(z.describe("A quote"), z.meta({ id: "QuoteOutput" }));
export type QuoteOutput = z.infer<typeof QuoteOutput>;

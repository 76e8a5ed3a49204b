import * as z from "zod";
import { wellFormedText } from "./text";

export const NOT_A_JEDI_MESSAGE = "Sorry you can't get a quote";

/** Direct invocation (Lambda Invoke API) input: the classic little lambda's `{"isJedi": true}`. */
export const QuoteInput = z
  .object({
    isJedi: z.boolean().optional().describe("Only a Jedi gets a quote."),
  })
  .describe("Quote request")
  .meta({ id: "QuoteInput" });
export type QuoteInput = z.infer<typeof QuoteInput>;

/** `GET /quote?isJedi=true` */
export const QuoteQuery = z
  .object({
    isJedi: z
      .enum(["true", "false"], { error: "isJedi must be true or false" })
      .optional()
      .describe("`true` for a Jedi; anything else is refused."),
  })
  .meta({ id: "QuoteQuery" });
export type QuoteQuery = z.infer<typeof QuoteQuery>;

export const QuoteOutput = z
  .object({
    quote: wellFormedText("A random Star Wars quote.").min(1),
  })
  .describe("A quote")
  .meta({ id: "QuoteOutput" });
export type QuoteOutput = z.infer<typeof QuoteOutput>;

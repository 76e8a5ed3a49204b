import { QuoteInput, QuoteOutput } from "./quote";
import { SavedQuote } from "./saved-quote";
import { QuotePage, StoreGetInput } from "./store-get";
import { SaveQuoteInput, SaveQuoteOutput } from "./store-save";
import * as z from "./zod";

/**
 * Each function's contract for a direct invocation (the Lambda Invoke API): what it takes and what it
 * answers. Over HTTP, the route table (routes.ts) says the same per route.
 */
export const FUNCTION_CONTRACTS = {
  quote: { input: QuoteInput, output: QuoteOutput },
  "store-save": { input: SaveQuoteInput, output: SaveQuoteOutput },
  "store-get": { input: StoreGetInput, output: z.union([SavedQuote, QuotePage]) },
} as const;

/** The functions behind the API, by the name of their service package. */
export type FunctionName = keyof typeof FUNCTION_CONTRACTS;
export const FUNCTION_NAMES = Object.keys(FUNCTION_CONTRACTS) as FunctionName[];

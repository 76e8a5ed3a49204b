import { NOT_A_JEDI_MESSAGE, type QuoteOutput } from "@holonet/contracts/quote";
import { ForbiddenError } from "@holonet/lambda-kit/errors";

/** The classic little lambda's rule: a Jedi gets a random quote, anyone else is refused. */
export function quoteFor(isJedi: boolean, randomQuote: () => string): QuoteOutput {
  if (!isJedi) throw new ForbiddenError(NOT_A_JEDI_MESSAGE);
  return { quote: randomQuote() };
}

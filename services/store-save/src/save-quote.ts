import type { QuoteId, SavedQuote } from "@holonet/contracts/saved-quote";
import type { SaveQuoteInput } from "@holonet/contracts/store-save";
import type { QuoteStore } from "@holonet/quote-store/quote-store";

export interface SaveDeps {
  store: QuoteStore;
  now: () => Date;
  newId: (now: Date) => QuoteId;
}

/** Gives the quote an id and a time, and writes it. The stored item is what the caller gets back. */
export async function saveQuote(input: SaveQuoteInput, { store, now, newId }: SaveDeps): Promise<SavedQuote> {
  const savedAt = now();
  const item: SavedQuote = {
    id: newId(savedAt),
    quote: input.quote,
    ...(input.author !== undefined && { author: input.author }),
    savedAt: savedAt.toISOString(),
  };
  await store.put(item);
  return item;
}

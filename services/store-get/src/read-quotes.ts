import type { QuoteId, SavedQuote } from "@holonet/contracts/saved-quote";
import { LIST_DEFAULT_LIMIT, type QuotePage } from "@holonet/contracts/store-get";
import { NotFoundError } from "@holonet/lambda-kit/errors";
import type { QuoteStore } from "@holonet/quote-store/quote-store";

export async function getQuote(store: QuoteStore, id: QuoteId): Promise<SavedQuote> {
  const item = await store.get(id);
  if (!item) throw new NotFoundError(`No quote has the id ${id}`);
  return item;
}

/** A page of saved quotes, newest first; the cursor is the last id of the page before. */
export async function listQuotes(
  store: QuoteStore,
  { limit = LIST_DEFAULT_LIMIT, cursor }: { limit?: number; cursor?: QuoteId },
): Promise<QuotePage> {
  const page = await store.list({ limit, ...(cursor && { after: cursor }) });
  return { items: page.items, ...(page.lastId && { nextCursor: page.lastId }) };
}

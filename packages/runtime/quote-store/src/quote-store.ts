import type { QuoteId, SavedQuote } from "@holonet/contracts/saved-quote";

export interface QuotePageRequest {
  limit: number;
  /** Start after this id, in newest-first order. */
  after?: QuoteId;
}

export interface StoredPage {
  items: SavedQuote[];
  /** The last id of this page when more items follow. */
  lastId?: QuoteId;
}

/** Where saved quotes are kept. The services' logic sees only this; s3-quote-store.ts is the real one. */
export interface QuoteStore {
  /** Writes a new quote; never replaces one. */
  put(item: SavedQuote): Promise<void>;
  get(id: QuoteId): Promise<SavedQuote | undefined>;
  /** Newest first. */
  list(request: QuotePageRequest): Promise<StoredPage>;
}

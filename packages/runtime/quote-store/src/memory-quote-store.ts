import type { SavedQuote } from "@holonet/contracts/saved-quote";
import { keyForId } from "./quote-keys";
import type { QuoteStore } from "./quote-store";

/**
 * A QuoteStore in memory, for unit tests of the services' logic. It orders by the same keys as the S3
 * store, so a page here is the page S3 would give; the S3 store itself is tested against a real S3.
 */
export function memoryQuoteStore(
  initial: SavedQuote[] = [],
): QuoteStore & { items: Map<string, SavedQuote> } {
  const items = new Map(initial.map((item) => [keyForId(item.id), item]));
  return {
    items,
    async put(item) {
      const key = keyForId(item.id);
      if (items.has(key)) throw new Error(`refusing to replace ${key}`);
      items.set(key, item);
    },
    async get(id) {
      return items.get(keyForId(id));
    },
    async list({ limit, after }) {
      const keys = [...items.keys()].sort().filter((key) => after === undefined || key > keyForId(after));
      const page = keys.slice(0, limit).map((key) => items.get(key) as SavedQuote);
      const lastId = keys.length > limit ? page.at(-1)?.id : undefined;
      return { items: page, ...(lastId && { lastId }) };
    },
  };
}

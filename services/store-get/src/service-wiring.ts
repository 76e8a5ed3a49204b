import type { SavedQuote } from "@holonet/contracts/saved-quote";
import type { QuotePage } from "@holonet/contracts/store-get";
import type { WiredService, WiringOptions } from "@holonet/lambda-kit/service-app";
import { quoteStoreFromEnvironment } from "@holonet/platform-adapters/quote-store-wiring";
import { createApp } from "./app";

/** store-get wired from its environment, once per instance: by handler.ts for Lambda, by one entry for each other platform. */
export function wireStoreGet(options: WiringOptions): WiredService<SavedQuote | QuotePage> {
  const { store, logger } = quoteStoreFromEnvironment("store-get", options);
  return { service: "store-get", app: createApp({ store }), logger };
}

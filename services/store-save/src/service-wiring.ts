import type { SaveQuoteOutput } from "@holonet/contracts/store-save";
import type { WiredService, WiringOptions } from "@holonet/lambda-kit/service-app";
import { quoteStoreFromEnvironment } from "@holonet/platform-adapters/quote-store-wiring";
import { createApp } from "./app";
import { createQuoteIds } from "./quote-ids";

/** store-save wired from its environment, once per instance: by handler.ts for Lambda, by one entry for each other platform. */
export function wireStoreSave(options: WiringOptions): WiredService<SaveQuoteOutput> {
  const { store, logger } = quoteStoreFromEnvironment("store-save", options);
  return {
    service: "store-save",
    app: createApp({ store, now: () => new Date(), newId: createQuoteIds() }),
    logger,
  };
}

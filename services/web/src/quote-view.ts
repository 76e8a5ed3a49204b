import type { ApiClient } from "./api-client";
import { byId, el, whileBusy } from "./dom";
import { failureMessage } from "./messages";
import { errorNotice, savedQuoteFigure } from "./views";

/** One saved quote alone, as its link (`#/quotes/<id>`) shows it. */
export function startQuoteView(api: ApiClient) {
  const outcome = byId("one-outcome", HTMLDivElement);
  let latest = 0;

  return {
    async show(id: string) {
      // Links can be followed faster than answers arrive; only the last one opened is shown.
      const request = ++latest;
      outcome.replaceChildren(el("p", { class: "muted" }, "Loading…"));
      const result = await whileBusy([], outcome, () => api.getSavedQuote(id));
      if (request !== latest) return;
      outcome.replaceChildren(
        result.ok
          ? savedQuoteFigure(result.value, { linked: false, testId: "saved-quote" })
          : errorNotice(failureMessage(result.failure)),
      );
    },
  };
}

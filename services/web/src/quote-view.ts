import type { ApiClient } from "./api-client";
import { byId, el, whileBusy } from "./dom";
import { NOT_IN_ARCHIVES, savedQuoteFailureMessage } from "./messages";
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
      if (result.ok) {
        outcome.replaceChildren(savedQuoteFigure(result.value, { linked: false, testId: "saved-quote" }));
        return;
      }
      const message = savedQuoteFailureMessage(result.failure);
      outcome.replaceChildren(
        message === NOT_IN_ARCHIVES
          ? errorNotice(
              message,
              // The Jedi archivist's own words, from Attack of the Clones.
              el(
                "p",
                { class: "hint" },
                "Check that the link is complete. As the Jedi archivist said: “If an item does not appear in our records, it does not exist.”",
              ),
            )
          : errorNotice(message),
      );
    },
  };
}

import type { SavedQuote } from "@holonet/contracts/saved-quote";
import type { ApiClient } from "./api-client";
import { byId, el, whileBusy } from "./dom";
import { failureMessage } from "./messages";
import { quoteHref } from "./route";
import { errorNotice, quoteFigure, successNotice } from "./views";

/**
 * "Get a quote": the Jedi switch, the button, the quote or the refusal, and "Save" for the quote shown.
 * `onSaved` lets the saved list show the new quote.
 */
export function startQuotePanel(api: ApiClient, onSaved: (item: SavedQuote) => void) {
  const form = byId("quote-form", HTMLFormElement);
  const isJedi = byId("is-jedi", HTMLInputElement);
  const getButton = byId("get-quote", HTMLButtonElement);
  const outcome = byId("quote-outcome", HTMLDivElement);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = await whileBusy([getButton], outcome, () => api.getQuote(isJedi.checked));
    if (!result.ok) {
      outcome.replaceChildren(errorNotice(failureMessage(result.failure)));
      return;
    }
    const quote = result.value.quote;
    const saveButton = el(
      "button",
      { type: "button", class: "secondary", "data-testid": "save-quote" },
      "Save",
    );
    const saveOutcome = el("div", { class: "save-outcome", "aria-live": "polite" });
    saveButton.addEventListener("click", async () => {
      const saved = await whileBusy([saveButton, getButton], saveOutcome, () => api.saveQuote(quote));
      if (!saved.ok) {
        saveOutcome.replaceChildren(errorNotice(failureMessage(saved.failure)));
        return;
      }
      // Saved quotes never change: saving the same words again would only make a copy.
      saveButton.disabled = true;
      saveButton.textContent = "Saved";
      saveOutcome.replaceChildren(
        successNotice(
          "Saved. ",
          el("a", { href: quoteHref(saved.value.id), "data-testid": "saved-as" }, "Open it"),
        ),
      );
      onSaved(saved.value);
    });
    outcome.replaceChildren(quoteFigure(quote), el("div", { class: "actions" }, saveButton), saveOutcome);
  });

  getButton.disabled = false;
}

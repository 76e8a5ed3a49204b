import { AUTHOR_MAX_LENGTH, type SavedQuote } from "@holonet/contracts/saved-quote";
import type { ApiClient } from "./api-client";
import { byId, el, whileBusy } from "./dom";
import { failureMessage } from "./messages";
import { quoteHref } from "./route";
import { errorNotice, quoteFigure, savedQuoteFigure, successNotice } from "./views";

/** The form under a quote just got: who said it (optional, with the page's list of characters), and Save. */
function saveForm() {
  const author = el("input", {
    type: "text",
    id: "author",
    name: "author",
    list: "characters",
    maxlength: String(AUTHOR_MAX_LENGTH),
    autocomplete: "off",
    placeholder: "Yoda, Leia Organa, …",
    "data-testid": "author-input",
  });
  const button = el("button", { type: "submit", class: "secondary", "data-testid": "save-quote" }, "Save");
  const form = el(
    "form",
    { class: "save-form", "data-testid": "save-form" },
    el("label", { for: "author" }, "Who said it? ", el("span", { class: "optional" }, "(optional)")),
    el("div", { class: "save-row" }, author, button),
  );
  return { form, author, button };
}

/**
 * "Get a quote": the Jedi switch, the button, the quote or the refusal, and the form that saves the quote
 * shown with who said it. `onSaved` lets the saved list show the new quote.
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
    let figure = quoteFigure(quote);
    const save = saveForm();
    const saveOutcome = el("div", { class: "save-outcome", "aria-live": "polite" });
    save.form.addEventListener("submit", async (submitted) => {
      submitted.preventDefault();
      const author = save.author.value.trim() || undefined;
      const saved = await whileBusy([save.button, getButton], saveOutcome, () =>
        api.saveQuote(quote, author),
      );
      if (!saved.ok) {
        saveOutcome.replaceChildren(errorNotice(failureMessage(saved.failure)));
        return;
      }
      // Saved quotes never change: saving the same words again would only make a copy.
      save.button.disabled = true;
      save.author.disabled = true;
      save.button.textContent = "Saved";
      // The quote shown is now the saved one: its words open it, its caption says who and when.
      const savedFigure = savedQuoteFigure(saved.value, { linked: true, testId: "quote" });
      figure.replaceWith(savedFigure);
      figure = savedFigure;
      saveOutcome.replaceChildren(
        successNotice(
          "Saved to the archives. ",
          el("a", { href: quoteHref(saved.value.id), "data-testid": "saved-as" }, "Open it"),
        ),
      );
      onSaved(saved.value);
    });
    outcome.replaceChildren(figure, save.form, saveOutcome);
  });

  getButton.disabled = false;
}

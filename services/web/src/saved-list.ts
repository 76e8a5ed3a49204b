import type { SavedQuote } from "@holonet/contracts/saved-quote";
import type { ApiClient } from "./api-client";
import { byId, whileBusy } from "./dom";
import { failureMessage, listSummary } from "./messages";
import { errorNotice, savedListItem } from "./views";

export const PAGE_SIZE = 20;

/** The saved quotes, newest first, a page at a time behind "More". */
export function startSavedList(api: ApiClient) {
  const list = byId("saved-list", HTMLOListElement);
  const summary = byId("saved-summary", HTMLParagraphElement);
  const message = byId("saved-message", HTMLDivElement);
  const more = byId("more", HTMLButtonElement);
  let shown: SavedQuote[] = [];
  let nextCursor: string | undefined;

  function render() {
    list.replaceChildren(...shown.map(savedListItem));
    summary.textContent = listSummary(shown.length, nextCursor !== undefined);
    more.hidden = nextCursor === undefined;
  }

  async function load(cursor?: string) {
    const result = await whileBusy([more], list, () => api.listQuotes({ limit: PAGE_SIZE, cursor }));
    if (!result.ok) {
      message.replaceChildren(
        errorNotice(`Could not load the saved quotes. ${failureMessage(result.failure)}`),
      );
      return;
    }
    message.replaceChildren();
    // A page loaded after a save may repeat items already shown; the id is the identity.
    const known = new Set(cursor ? shown.map((item) => item.id) : []);
    const fresh = result.value.items.filter((item) => !known.has(item.id));
    shown = cursor ? [...shown, ...fresh] : fresh;
    nextCursor = result.value.nextCursor;
    render();
  }

  more.addEventListener("click", () => load(nextCursor));

  return {
    /** Loads the first page again, so the list shows what the API holds now. */
    refresh: () => load(),
  };
}

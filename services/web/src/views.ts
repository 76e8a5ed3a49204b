import type { SavedQuote } from "@holonet/contracts/saved-quote";
import { el } from "./dom";
import { savedAtLabel } from "./messages";
import { quoteHref } from "./route";

/** A quote as a figure: the words, and who said it when known. */
export function quoteFigure(text: string, caption?: Node | string, testId = "quote"): HTMLElement {
  return el(
    "figure",
    { class: "quote", "data-testid": testId },
    el("blockquote", {}, el("p", {}, text)),
    caption ? el("figcaption", {}, caption) : null,
  );
}

/** A saved quote, with its author and the time it was saved; `linked` makes the time a link to it alone. */
export function savedQuoteFigure(
  item: SavedQuote,
  options: { linked: boolean; testId: string },
): HTMLElement {
  const when = savedAtLabel(item.savedAt);
  const time = el("time", { datetime: item.savedAt }, `Saved ${when}`);
  const stamp = options.linked
    ? el("a", { href: quoteHref(item.id), "data-testid": "saved-link", title: `Open quote ${item.id}` }, time)
    : time;
  const caption = el("span", {}, item.author ? `${item.author} · ` : "", stamp);
  const figure = quoteFigure(item.quote, caption, options.testId);
  figure.dataset.id = item.id;
  return figure;
}

/** A saved quote as an entry of the list. */
export function savedListItem(item: SavedQuote): HTMLLIElement {
  return el(
    "li",
    { "data-testid": "saved-item", "data-id": item.id },
    savedQuoteFigure(item, { linked: true, testId: "saved-quote" }),
  );
}

/** A failure, announced at once to assistive technology. */
export function errorNotice(message: string): HTMLElement {
  return el("p", { class: "notice error", role: "alert", "data-testid": "error" }, message);
}

/** A short confirmation. */
export function successNotice(...children: (Node | string)[]): HTMLElement {
  return el("p", { class: "notice success", "data-testid": "success" }, ...children);
}

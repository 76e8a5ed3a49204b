import type { SavedQuote } from "@holonet/contracts/saved-quote";
import { el } from "./dom";
import { savedAtLabel } from "./messages";
import { quoteHref } from "./route";

/**
 * A quote as a figure: the words (a link when `href` is given), and a caption when there is one. The whole
 * quote is the link, not a small date beside it: the biggest target, and its name says what it opens.
 */
export function quoteFigure(
  text: string,
  options: { caption?: Node; href?: string; testId?: string } = {},
): HTMLElement {
  const words = options.href
    ? el("a", { href: options.href, class: "quote-link", "data-testid": "saved-link" }, text)
    : text;
  return el(
    "figure",
    { class: "quote", "data-testid": options.testId ?? "quote" },
    el("blockquote", {}, el("p", {}, words)),
    options.caption ?? null,
  );
}

/** Who said it, and when it was saved. */
function savedCaption(item: SavedQuote): HTMLElement {
  return el(
    "figcaption",
    {},
    item.author ? el("span", { class: "author", "data-testid": "author" }, item.author) : null,
    el("time", { datetime: item.savedAt }, `Saved ${savedAtLabel(item.savedAt)}`),
  );
}

/** A saved quote; `linked` makes its words the link to it alone. */
export function savedQuoteFigure(
  item: SavedQuote,
  options: { linked: boolean; testId: string },
): HTMLElement {
  const figure = quoteFigure(item.quote, {
    caption: savedCaption(item),
    href: options.linked ? quoteHref(item.id) : undefined,
    testId: options.testId,
  });
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
export function errorNotice(message: string, ...more: Node[]): HTMLElement {
  return el(
    "div",
    { class: "notice error", role: "alert", "data-testid": "error" },
    el("p", {}, message),
    ...more,
  );
}

/** A short confirmation. */
export function successNotice(...children: (Node | string)[]): HTMLElement {
  return el("p", { class: "notice success", "data-testid": "success" }, ...children);
}

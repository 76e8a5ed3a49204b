import { idFromKey } from "@holonet/quote-store/quote-keys";
import type { BucketInfo } from "../dashboard-api";
import { compactTable, el } from "./dom";
import { bytes } from "./format";

const when = (lastModified: string) => lastModified.replace("T", " ").replace(/\.\d+.*$/, "");

/**
 * A saved quote's key is not its id: each character of the id is mirrored in the alphabet (0↔Z, 1↔Y, …),
 * so that S3, which lists keys in ascending order, lists the newest quote first
 * (docs/decisions/0003-quote-ids-and-keys.md). Where keys are quotes', the id the API and the website use
 * is shown beside each, with a line saying why they differ.
 */
function objectTable(bucket: BucketInfo): HTMLElement[] {
  const ids = bucket.objects.map((object) => idFromKey(object.key));
  const quotes = ids.some((id) => id !== undefined);
  const table = compactTable(
    [
      { title: "Key" },
      ...(quotes ? [{ title: "Quote id" }] : []),
      { title: "Size", num: true },
      { title: "Last modified" },
    ],
    bucket.objects.map((object, i) =>
      el(
        "tr",
        {},
        el("td", { class: "mono" }, object.key),
        quotes && el("td", { class: "mono", "data-col": "quote-id" }, ids[i] ?? ""),
        el("td", { class: "num" }, bytes(object.size)),
        el("td", { class: "muted" }, when(object.lastModified)),
      ),
    ),
  );
  const pane = el(
    "div",
    { class: "scroll", tabindex: "0", role: "region", "aria-label": `Objects in ${bucket.name}` },
    table,
  );
  if (!quotes) return [pane];
  return [
    el(
      "p",
      { class: "key-note", "data-testid": "key-note" },
      "A quote's key is its id mirrored character by character (0↔Z, 1↔Y, …), so that S3, listing keys in order, lists the newest quote first: ",
      el("span", { class: "mono" }, "docs/decisions/0003-quote-ids-and-keys.md"),
      ".",
    ),
    pane,
  ];
}

/** Each bucket and the first of its objects, as the S3 API lists them. */
export function renderBuckets(container: HTMLElement, buckets: BucketInfo[]) {
  const cards = buckets.map((bucket) =>
    el(
      "div",
      { class: "subcard", "data-bucket": bucket.name },
      el(
        "h3",
        {},
        bucket.name,
        el(
          "span",
          { class: "muted small" },
          `${bucket.objects.length} object${bucket.objects.length === 1 ? "" : "s"}${bucket.truncated ? " shown, more not listed" : ""}`,
        ),
      ),
      ...(bucket.objects.length === 0 ? [el("p", { class: "muted" }, "Empty.")] : objectTable(bucket)),
    ),
  );
  container.replaceChildren(...(cards.length > 0 ? cards : [el("p", { class: "muted" }, "No buckets.")]));
}

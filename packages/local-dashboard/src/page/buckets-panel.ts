import type { BucketInfo } from "../dashboard-api";
import { compactTable, el } from "./dom";
import { bytes } from "./format";

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
      bucket.objects.length === 0
        ? el("p", { class: "muted" }, "Empty.")
        : el(
            "div",
            { class: "scroll" },
            compactTable(
              [{ title: "Key" }, { title: "Size", num: true }, { title: "Last modified" }],
              bucket.objects.map((object) =>
                el(
                  "tr",
                  {},
                  el("td", { class: "mono" }, object.key),
                  el("td", { class: "num" }, bytes(object.size)),
                  el("td", { class: "muted" }, object.lastModified.replace("T", " ").replace(/\.\d+.*$/, "")),
                ),
              ),
            ),
          ),
    ),
  );
  container.replaceChildren(...(cards.length > 0 ? cards : [el("p", { class: "muted" }, "No buckets.")]));
}

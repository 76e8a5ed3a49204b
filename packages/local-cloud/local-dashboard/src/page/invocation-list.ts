import type { InvocationSummary } from "../dashboard-api";
import { el } from "./dom";
import { clock, ms } from "./format";

function statusCell(invocation: InvocationSummary): HTMLTableCellElement {
  if (invocation.status === undefined) return el("td", { class: "muted col-status" }, "direct");
  const kind = invocation.status >= 500 ? "bad" : invocation.status >= 400 ? "warn" : "ok";
  return el(
    "td",
    { class: "col-status" },
    el("span", { class: `status status-${kind}` }, String(invocation.status)),
  );
}

function rowFor(invocation: InvocationSummary, open: (requestId: string) => void): HTMLTableRowElement {
  const row = el(
    "tr",
    { class: "invocation-row", tabindex: "0", "data-request-id": invocation.requestId },
    el("td", { class: "mono col-time" }, clock(invocation.startedAt)),
    el(
      "td",
      {},
      `${invocation.functionName.replace(/^holonet-/, "")}:${invocation.qualifier}`,
      invocation.qualifier !== invocation.version &&
        el("span", { class: "muted small" }, `v${invocation.version}`),
    ),
    el("td", { class: "mono col-route" }, invocation.route ?? ""),
    statusCell(invocation),
    el("td", { class: "num col-duration" }, `${ms(invocation.durationMs)} ms`),
    el(
      "td",
      { class: "col-flags" },
      invocation.coldStart && el("span", { class: "tag tag-cold", title: "cold start" }, "cold"),
      invocation.error && el("span", { class: "tag tag-error", title: "function error" }, invocation.error),
    ),
  );
  row.title = `Request id ${invocation.requestId}: open its event, result, logs and trace`;
  row.addEventListener("click", () => open(invocation.requestId));
  row.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open(invocation.requestId);
    }
  });
  return row;
}

/**
 * The recent invocations, newest first. An invocation never changes once listed, so its row is built
 * once and kept while it is in the list: a poll under load moves rows instead of rebuilding the table.
 */
export function invocationList(body: HTMLTableSectionElement, open: (requestId: string) => void) {
  let rows = new Map<string, HTMLTableRowElement>();
  let order: string[] = [];
  let selected: string | undefined;
  const empty = el("tr", {}, el("td", { colspan: "6", class: "empty" }, "No invocation yet."));

  return {
    update(invocations: InvocationSummary[]) {
      const next = new Map<string, HTMLTableRowElement>();
      for (const invocation of invocations) {
        const row = rows.get(invocation.requestId) ?? rowFor(invocation, open);
        row.classList.toggle("selected", invocation.requestId === selected);
        next.set(invocation.requestId, row);
      }
      const unchanged = next.size === rows.size && [...next.keys()].every((id, i) => id === order[i]);
      rows = next;
      order = [...next.keys()];
      if (!unchanged || next.size === 0) body.replaceChildren(...(next.size > 0 ? next.values() : [empty]));
    },
    select(requestId: string) {
      selected = requestId;
      for (const [id, row] of rows) row.classList.toggle("selected", id === requestId);
    },
  };
}
